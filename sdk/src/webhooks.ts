// Receiving the Groups API's webhooks: `verifyWebhook` checks a request's Standard Webhooks
// signature (https://www.standardwebhooks.com/), made with the maintained `standardwebhooks`
// package, and returns the typed event, or throws a WebhookVerificationError that says why.
// (The package's own verify() checks the timestamp before the signature, which would call a
// forgery with an old timestamp stale: here the signature comes first.)
import { Webhook } from 'standardwebhooks';
import type { WebhookEvent } from './types.js';

/** Why a request is not a webhook of ours to act on. */
export type WebhookVerificationReason =
  /** `webhook-id`, `webhook-timestamp` or `webhook-signature` is missing or not well formed. */
  | 'missing_headers'
  /** No signature matches any of the secrets: not signed by the API, or changed on the way. */
  | 'bad_signature'
  /** Signed more than 5 minutes from this machine's clock: a replay, or a clock off by that much. */
  | 'stale_timestamp'
  /** Signed, but not a JSON event. */
  | 'malformed_payload'
  /** Signed, but of a type this SDK version does not know (a newer API): see `event`. */
  | 'unknown_type';

export class WebhookVerificationError extends Error {
  readonly reason: WebhookVerificationReason;
  /** For `unknown_type`: the signed event, as sent. */
  readonly event: unknown;

  constructor(reason: WebhookVerificationReason, message: string, options: { cause?: unknown; event?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WebhookVerificationError';
    this.reason = reason;
    this.event = options.event;
  }
}

/** Request headers as Node (`req.headers`) or fetch (`request.headers`) give them. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

const knownTypes: readonly WebhookEvent['type'][] = [
  'group.created',
  'group.updated',
  'group.deleted',
  'group.members_changed',
  'webhook_endpoint.paused',
  'webhook_endpoint.resumed',
  'webhook_endpoint.disabled',
  'webhook_endpoint.ping',
];

const isFetchHeaders = (headers: WebhookHeaders): headers is Headers =>
  typeof (headers as Partial<Headers>).get === 'function';

function signatureHeaders(headers: WebhookHeaders): Record<string, string> {
  const read = (name: string): string | undefined => {
    if (isFetchHeaders(headers)) return headers.get(name) ?? undefined;
    const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
    const value: string | string[] | undefined = entry?.[1];
    return Array.isArray(value) ? value[0] : value;
  };
  const picked: Record<string, string> = {};
  for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
    const value = read(name);
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

/** How far `webhook-timestamp` may be from this machine's clock, as Standard Webhooks says. */
const TOLERANCE_SECONDS = 5 * 60;

/** Compares in time that depends on the lengths only, not on where the texts differ. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}

/**
 * Verifies a webhook request and returns its event. `rawBody` is the body exactly as received
 * (verify before parsing: re-serialized JSON does not match the signature). `secret` is the
 * endpoint's `whsec_…` secret, or several while a rotation is under way. The event's `id` is
 * also `webhook-id`: the same on every retry and redelivery, so use it to drop duplicates.
 * The signature is checked first, so a forgery is `bad_signature` whatever its timestamp; a
 * genuine request signed more than 5 minutes from this clock is `stale_timestamp`.
 */
export function verifyWebhook(
  rawBody: string | Uint8Array,
  headers: WebhookHeaders,
  secret: string | readonly string[],
): WebhookEvent {
  const picked = signatureHeaders(headers);
  const id = picked['webhook-id'];
  const timestamp = picked['webhook-timestamp'];
  const signatures = picked['webhook-signature']?.split(' ') ?? [];
  if (!id || !timestamp || !/^\d+$/.test(timestamp) || signatures.length === 0)
    throw new WebhookVerificationError(
      'missing_headers',
      'Webhook not verified: webhook-id, webhook-timestamp or webhook-signature is missing or malformed.',
    );
  const secrets = typeof secret === 'string' ? [secret] : secret;
  const signers = secrets.flatMap((candidate) => {
    try {
      return [new Webhook(candidate)];
    } catch {
      return [];
    }
  });
  if (signers.length === 0) throw new TypeError('verifyWebhook needs at least one valid whsec_… secret.');
  const signedAt = new Date(Number(timestamp) * 1000);
  const signed = signers.some((signer) => {
    const expected = signer.sign(id, signedAt, rawBody);
    return signatures.some((signature) => sameText(signature, expected));
  });
  if (!signed)
    throw new WebhookVerificationError('bad_signature', 'Webhook not verified: no signature matches the secret.');
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > TOLERANCE_SECONDS)
    throw new WebhookVerificationError(
      'stale_timestamp',
      'Webhook not verified: signed more than 5 minutes from this clock.',
    );
  return parseEvent(rawBody);
}

function parseEvent(rawBody: string | Uint8Array): WebhookEvent {
  let event: unknown;
  try {
    event = JSON.parse(typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody));
  } catch (error) {
    throw new WebhookVerificationError('malformed_payload', 'Webhook verified, but its body is not JSON.', {
      cause: error,
    });
  }
  const type = (event as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || typeof (event as { id?: unknown }).id !== 'string')
    throw new WebhookVerificationError('malformed_payload', 'Webhook verified, but its body is not an event.');
  if (!(knownTypes as readonly string[]).includes(type))
    throw new WebhookVerificationError('unknown_type', `Webhook verified, but its type ${type} is unknown.`, {
      event,
    });
  return event as WebhookEvent;
}
