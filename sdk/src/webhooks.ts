// Receiving the Groups API's webhooks: `verifyWebhook` checks a request's Standard Webhooks
// signature (https://www.standardwebhooks.com/) with the maintained `standardwebhooks`
// package and returns the typed event, or throws a WebhookVerificationError that says why.
import { Webhook, WebhookVerificationError as StandardWebhookError } from 'standardwebhooks';
import type { ChangeEvent, ChangeEventType } from './client.js';

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

const knownTypes: readonly ChangeEventType[] = [
  'group.created',
  'group.updated',
  'group.deleted',
  'group.members_changed',
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

function reasonOf(error: unknown): WebhookVerificationReason {
  const message = error instanceof Error ? error.message : '';
  if (/timestamp too (old|new)/i.test(message)) return 'stale_timestamp';
  if (/no matching signature/i.test(message)) return 'bad_signature';
  return 'missing_headers';
}

/**
 * Verifies a webhook request and returns its event. `rawBody` is the body exactly as received
 * (verify before parsing: re-serialized JSON does not match the signature). `secret` is the
 * endpoint's `whsec_…` secret, or several while a rotation is under way. The event's `id` is
 * also `webhook-id`: the same on every retry and redelivery, so use it to drop duplicates.
 */
export function verifyWebhook(
  rawBody: string | Uint8Array,
  headers: WebhookHeaders,
  secret: string | readonly string[],
): ChangeEvent {
  const picked = signatureHeaders(headers);
  const secrets = typeof secret === 'string' ? [secret] : secret;
  if (secrets.length === 0) throw new TypeError('verifyWebhook needs at least one secret.');
  let failure: unknown;
  for (const candidate of secrets) {
    try {
      new Webhook(candidate).verify(rawBody, picked, { jsonParse: false });
    } catch (error) {
      if (!(error instanceof StandardWebhookError)) throw error;
      failure = error;
      continue;
    }
    return parseEvent(rawBody);
  }
  const reason = reasonOf(failure);
  throw new WebhookVerificationError(reason, `Webhook not verified (${reason}): ${(failure as Error).message}.`, {
    cause: failure,
  });
}

function parseEvent(rawBody: string | Uint8Array): ChangeEvent {
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
  return event as ChangeEvent;
}
