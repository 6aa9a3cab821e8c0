// npm run webhooks:listen [-- --api http://localhost:3000] [--user usr_admin]: like
// `stripe listen`, a receiver for local development. It starts an HTTP receiver on a loopback
// port, registers it as a temporary webhook endpoint of the user's organization (the demo
// admin by default, who must be an admin), prints each delivery it verifies (type, subject,
// sequence, latency) and removes the endpoint on Ctrl-C. The API must allow loopback
// endpoints: WEBHOOK_ALLOW_LOOPBACK, on by default in development.
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';
import { signToken } from '../auth/sign-token.js';
import { demoAdminId } from '../sandbox/demo-data.js';
import { openCommandContext } from './context.js';

const { values } = parseArgs({
  options: {
    api: { type: 'string' },
    user: { type: 'string', default: demoAdminId },
  },
});
const { config, db } = openCommandContext(['auth']);
// Nothing here reads the database: the endpoint is registered over the API, as a partner would.
await db.destroy();

const api = values.api ?? `http://localhost:${config.port === 0 ? 3000 : config.port}`;
if (!config.jwtSecret) {
  console.error(
    'webhooks:listen signs its token with AUTH_JWT_SECRET; with AUTH_JWKS_URL, register an endpoint yourself.',
  );
  process.exit(1);
}
const token = await signToken({
  secret: config.jwtSecret,
  userId: values.user,
  ttlSeconds: 3600,
  issuer: config.jwtIssuer,
  audience: config.jwtAudience,
});

async function callApi(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  }).catch((error: unknown) => {
    throw new Error(`the API at ${api} does not answer (${(error as Error).message}); start it with npm start`);
  });
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown> & { detail?: string };
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${answer.detail ?? ''}`);
  return answer;
}

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

// The ping a new endpoint gets may arrive before the registration's answer: it waits for the secret.
let registered: (webhook: Webhook) => void = () => undefined;
const secret = new Promise<Webhook>((resolve) => (registered = resolve));
const receiver = createServer((req, res) => {
  void Promise.all([readBody(req), secret]).then(([body, webhook]) => {
    const headers = Object.fromEntries(
      ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [name, String(req.headers[name] ?? '')]),
    );
    try {
      const event = webhook.verify(body, headers) as {
        type: string;
        sequence: number;
        created_at: string;
        group_id?: string;
        endpoint_id?: string;
      };
      const latency = Date.now() - Date.parse(event.created_at);
      const subject = event.group_id ?? event.endpoint_id ?? '';
      console.log(`${event.type.padEnd(26)} ${subject}  #${event.sequence}  ${latency} ms after the change`);
      res.writeHead(204).end();
    } catch (error) {
      console.log(`refused a request that does not verify: ${(error as Error).message}`);
      res.writeHead(400).end();
    }
  });
});
receiver.listen(0, '127.0.0.1');
await once(receiver, 'listening');
const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;

let endpointId: string;
try {
  const created = await callApi('POST', '/api/v1/webhook-endpoints', {
    url,
    description: `webhooks:listen on this machine (removed on exit)`,
  });
  endpointId = (created.endpoint as { id: string }).id;
  registered(new Webhook(created.secret as string));
} catch (error) {
  console.error((error as Error).message);
  receiver.close();
  process.exit(1);
}
console.log(`Listening: ${url} is endpoint ${endpointId} of ${values.user}'s organization. Ctrl-C removes it.`);

// Ctrl-C reaches this process both from the terminal and through tsx: the first one stops it.
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  callApi('DELETE', `/api/v1/webhook-endpoints/${endpointId}`)
    .then(
      () => console.log(`Removed endpoint ${endpointId}.`),
      (error: unknown) => console.error(`Could not remove endpoint ${endpointId}: ${(error as Error).message}`),
    )
    .finally(() => {
      receiver.closeAllConnections();
      receiver.close(() => process.exit(0));
    });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
