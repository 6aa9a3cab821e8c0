// Where webhooks may go (openapi.yaml: createWebhookEndpoint). A URL is https on a public
// address; `allowLoopback` (WEBHOOK_ALLOW_LOOPBACK, never in production) also lets local runs
// and tests use http on a loopback address. Checked when an endpoint is registered, and again
// by every delivery after its name is resolved (src/webhooks/send.ts), so a name that
// resolves to an internal address later (DNS rebinding) still reaches nothing internal.
import ipaddr from 'ipaddr.js';

export interface TargetPolicy {
  allowLoopback: boolean;
}

/** IPv6 global unicast (RFC 4291): what is outside it (`::a9fe:a9fe`, say) is nobody's webhook. */
const globalUnicast = ipaddr.parseCIDR('2000::/3');

/**
 * Whether an address may receive webhooks: public unicast only, which leaves out loopback,
 * private, link-local (cloud metadata at 169.254.169.254 included), shared (100.64/10),
 * unique-local, multicast, reserved and the IPv6 forms that embed an IPv4 address (mapped,
 * compatible, NAT64, 6to4, Teredo).
 */
export function isAllowedAddress(address: string, policy: TargetPolicy): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed instanceof ipaddr.IPv6 && parsed.isIPv4MappedAddress()) parsed = parsed.toIPv4Address();
  const range = parsed.range();
  if (policy.allowLoopback && range === 'loopback') return true;
  if (parsed instanceof ipaddr.IPv6 && !parsed.match(globalUnicast)) return false;
  return range === 'unicast';
}

const isLocalhostName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/** The URL's host as an address when it is one (`[::1]` → `::1`). */
function literalAddress(hostname: string): string | undefined {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  return ipaddr.isValid(bare) ? bare : undefined;
}

/** Why a URL may not be an endpoint, from its text alone; undefined when it may. */
export function refusalOfUrl(raw: string, policy: TargetPolicy): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.username || url.password) return 'must not carry a user name or password';
  const address = literalAddress(url.hostname);
  const loopback =
    isLocalhostName(url.hostname) || (address !== undefined && ipaddr.parse(address).range() === 'loopback');
  if (url.protocol === 'http:' && loopback && !policy.allowLoopback)
    return 'must be an https URL (for a receiver on this machine, run `npm run webhooks:listen` against a development server)';
  if (url.protocol === 'http:' && !(policy.allowLoopback && loopback)) return 'must be an https URL';
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an https URL';
  if (isLocalhostName(url.hostname)) return policy.allowLoopback ? undefined : 'must not point at this machine';
  if (address !== undefined && !isAllowedAddress(address, policy))
    return 'must not point at a loopback, private, link-local or other non-public address';
  return undefined;
}

/**
 * Every address a name resolves to; rejects when it resolves to none. The service builds it on
 * the webhooks' resolver (src/webhooks/host-resolver.ts, wired in src/app.ts): the domain does
 * not know how names are resolved.
 */
export type ResolveHost = (hostname: string) => Promise<string[]>;

/**
 * Why a URL may not be an endpoint, its name resolved; undefined when it may. A name that
 * does not resolve (yet) is let through: its deliveries fail until it does, and each is
 * checked again. Without a resolver every name is one that does not resolve: the check that
 * protects is the one each delivery makes; this one tells an admin of a mistake early.
 */
export async function refusalOfTarget(
  raw: string,
  policy: TargetPolicy,
  resolve: ResolveHost | undefined,
): Promise<string | undefined> {
  const refusal = refusalOfUrl(raw, policy);
  if (refusal) return refusal;
  const { hostname } = new URL(raw);
  if (literalAddress(hostname) !== undefined || isLocalhostName(hostname) || !resolve) return undefined;
  let addresses: string[];
  try {
    addresses = await resolve(hostname);
  } catch {
    return undefined;
  }
  return addresses.every((address) => isAllowedAddress(address, policy))
    ? undefined
    : 'must not resolve to a loopback, private, link-local or other non-public address';
}
