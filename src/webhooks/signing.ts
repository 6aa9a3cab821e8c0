// Standard Webhooks signatures (https://www.standardwebhooks.com/), made by the maintained
// `standardwebhooks` package: `webhook-signature` holds one `v1,…` signature per secret that
// signs (two in the 24 hours after a rotation), so either secret verifies.
import { Webhook } from 'standardwebhooks';

export function signedHeaders(
  eventId: string,
  body: string,
  secrets: string[],
  at: Date,
): { 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string } {
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(eventId, at, body)).join(' '),
  };
}
