// Resolves webhook host names with c-ares (node:dns's Resolver) rather than dns.lookup:
// getaddrinfo runs on libuv's four shared threads, a lookup that never answers holds one for
// seconds whatever the caller's timeout, and names under a zone that never answers starved
// every delivery and every other lookup (and file read) in the process. c-ares has its own
// sockets, and its queries can be cancelled. It does not read /etc/hosts: `localhost` is
// answered here.
import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import { BoundedCache } from '../lib/bounded-cache.js';
import type { ResolveHost } from '../domain/webhook-targets.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address of a name, IPv4 first; rejects with an Error whose `code` says why. */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface HostResolverOptions {
  /** `10.0.0.2`, `10.0.0.2:5353`, `[fd00::2]:53`; empty: those of /etc/resolv.conf. */
  servers: string[];
  /** How long one try waits for an answer. */
  timeoutMs: number;
  /** Tries per name server; 2 when absent. */
  tries?: number;
}

/** Names whose answers are kept: a bound on memory whatever names endpoints register. */
const CACHED_NAMES = 1000;
/** Longest an answer is kept, whatever its TTL: a record that changes is followed within it. */
const LONGEST_CACHE_MS = 60_000;
/** Past c-ares's own timeouts, so that it normally answers first and this bound only catches it misbehaving. */
const BOUND_MARGIN_MS = 250;

const loopback: readonly ResolvedAddress[] = Object.freeze([
  Object.freeze({ address: '127.0.0.1', family: 4 as const }),
  Object.freeze({ address: '::1', family: 6 as const }),
]);

export class HostResolutionError extends Error {
  constructor(
    readonly code: string,
    readonly hostname: string,
  ) {
    super(`resolving ${hostname} failed: ${code}`);
    this.name = 'HostResolutionError';
  }
}

interface Answer {
  addresses: ResolvedAddress[];
  ttlSeconds: number;
}

type Records = { address: string; ttl: number }[];

const codeOf = (outcome: PromiseSettledResult<Records>): string =>
  outcome.status === 'fulfilled' ? 'ENODATA' : ((outcome.reason as { code?: string }).code ?? 'ESERVFAIL');

/**
 * Why neither family gave an address: the name does not exist (ENOTFOUND) over anything else,
 * then a failure to answer (ETIMEOUT, ESERVFAIL…), and ENODATA only when both families have none.
 */
function failureCode(outcomes: PromiseSettledResult<Records>[]): string {
  const codes = outcomes.map(codeOf);
  if (codes.includes('ENOTFOUND')) return 'ENOTFOUND';
  return codes.find((code) => code !== 'ENODATA') ?? 'ENODATA';
}

async function query(name: string, options: HostResolverOptions, tries: number): Promise<Answer> {
  // A Resolver per name: cancel() ends all of a Resolver's queries, and a shared one would
  // take other names' answers with it.
  const resolver = new Resolver({ timeout: options.timeoutMs, tries, maxTimeout: options.timeoutMs });
  if (options.servers.length > 0) resolver.setServers(options.servers);
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => {
        resolver.cancel();
        reject(new HostResolutionError('ETIMEOUT', name));
      },
      options.timeoutMs * tries + BOUND_MARGIN_MS,
    );
  });
  try {
    const outcomes = await Promise.race([
      Promise.allSettled([resolver.resolve4(name, { ttl: true }), resolver.resolve6(name, { ttl: true })]),
      bound,
    ]);
    const [v4, v6] = outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : []));
    const addresses = [
      ...v4!.map((entry) => ({ address: entry.address, family: 4 as const })),
      ...v6!.map((entry) => ({ address: entry.address, family: 6 as const })),
    ];
    if (addresses.length === 0) throw new HostResolutionError(failureCode(outcomes), name);
    return { addresses, ttlSeconds: Math.min(...[...v4!, ...v6!].map((entry) => entry.ttl)) };
  } finally {
    clearTimeout(timer);
  }
}

const frozen = (addresses: ResolvedAddress[]): ResolvedAddress[] =>
  Object.freeze(addresses.map((entry) => Object.freeze(entry))) as ResolvedAddress[];

export function createHostResolver(options: HostResolverOptions): HostResolver {
  const tries = options.tries ?? 2;
  const cache = new BoundedCache<string, { addresses: ResolvedAddress[]; expiresAt: number }>(CACHED_NAMES);
  // One resolution per name at a time, however many deliveries wait for it: a name that never
  // answers holds one query pair, not one per attempt.
  const inFlight = new Map<string, Promise<ResolvedAddress[]>>();

  // Failures are not cached: one resolution per name at a time already bounds what a failing
  // name costs its name server, and a failed delivery is retried on the schedule, seconds to
  // hours later, so a negative cache would save little and would fail attempts that never
  // asked, such as the first ones to a name just created.
  return (hostname) => {
    const name = hostname
      .replace(/^\[(.*)\]$/, '$1')
      .replace(/\.$/, '')
      .toLowerCase();
    const family = isIP(name);
    if (family === 4 || family === 6) return Promise.resolve(frozen([{ address: name, family }]));
    if (name === 'localhost' || name.endsWith('.localhost')) return Promise.resolve(loopback as ResolvedAddress[]);
    if (name === '') return Promise.reject(new HostResolutionError('ENOTFOUND', hostname));
    const cached = cache.get(name);
    if (cached && cached.expiresAt > performance.now()) return Promise.resolve(cached.addresses);
    const pending = inFlight.get(name);
    if (pending) return pending;
    const resolution = query(name, options, tries)
      .then(({ addresses, ttlSeconds }) => {
        const kept = frozen(addresses);
        const keepMs = Math.min(ttlSeconds * 1000, LONGEST_CACHE_MS);
        if (keepMs > 0) cache.set(name, { addresses: kept, expiresAt: performance.now() + keepMs });
        return kept;
      })
      .finally(() => inFlight.delete(name));
    inFlight.set(name, resolution);
    return resolution;
  };
}

/** The addresses alone, for the check when an endpoint is registered (src/domain/webhook-targets.ts). */
export function resolveHostWith(resolver: HostResolver): ResolveHost {
  return async (hostname) => (await resolver(hostname)).map((entry) => entry.address);
}
