// A webhook receiver for the Groups API: verifies each request's signature with the SDK's
// verifyWebhook, drops duplicates by event id (deliveries are at least once), acts on the event
// and answers 204 at once. Run it with the endpoint's secret:
//   WEBHOOK_SECRET=whsec_… PORT=8080 node server.js
// test/docs/webhook-receiver-example.test.ts compiles this file against the packed SDK and runs it.
import { createServer } from 'node:http';
import { verifyWebhook, WebhookVerificationError, type WebhookEvent } from '@groups-api/sdk';

// Both secrets while a rotation is under way: WEBHOOK_SECRET="whsec_new whsec_old".
const secrets = (process.env.WEBHOOK_SECRET ?? '').split(' ').filter(Boolean);
if (secrets.length === 0) throw new Error('Set WEBHOOK_SECRET to the endpoint’s whsec_… secret.');

// In production keep these in your database, with the work the event caused, in one transaction.
const handled = new Set<string>();

function handle(event: WebhookEvent): void {
  switch (event.type) {
    case 'group.members_changed':
      console.log(JSON.stringify({ event: event.id, group: event.group_id, added: event.data.added }));
      break;
    case 'group.created':
      console.log(JSON.stringify({ event: event.id, group: event.group_id, created: event.data.name }));
      break;
    case 'group.updated':
    case 'group.deleted':
      console.log(JSON.stringify({ event: event.id, group: event.group_id, type: event.type }));
      break;
    // Another endpoint of your organization is failing (or recovered, or was disabled).
    case 'webhook_endpoint.paused':
    case 'webhook_endpoint.resumed':
    case 'webhook_endpoint.disabled':
      console.log(
        JSON.stringify({ event: event.id, endpoint: event.endpoint_id, type: event.type, origin: event.data.origin }),
      );
      break;
    // Sent when the endpoint is registered, and on demand: answering 2xx is all it asks.
    case 'webhook_endpoint.ping':
      console.log(JSON.stringify({ event: event.id, ping: event.data.reason }));
      break;
  }
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    try {
      // The raw bytes, before any JSON parsing: the signature covers them exactly.
      const event = verifyWebhook(Buffer.concat(chunks), req.headers, secrets);
      if (!handled.has(event.id)) {
        handled.add(event.id);
        handle(event);
      }
      res.writeHead(204).end();
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      // A type this SDK does not know yet: acknowledge it, or it is retried for days.
      if (error.reason === 'unknown_type') return void res.writeHead(204).end();
      console.error(JSON.stringify({ refused: error.reason }));
      res.writeHead(400).end(error.reason);
    }
  });
});
server.listen(Number(process.env.PORT ?? 8080), '127.0.0.1', () => console.log(JSON.stringify({ listening: true })));
