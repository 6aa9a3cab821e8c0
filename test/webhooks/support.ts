// What the webhook tests share: an organization with an admin, its endpoints registered over
// HTTP, a dispatcher on the test database with a clock the test moves, and cleanup that
// leaves no endpoint (and so no due delivery) behind for the next test's dispatcher.
import { pino } from 'pino';
import type { Database } from '../../src/data/database.js';
import { createSecretBox } from '../../src/lib/secret-box.js';
import { startDispatcher, type Dispatcher, type DispatcherOptions } from '../../src/webhooks/dispatcher.js';
import { bearer, createOrganization, db, testApp, testSecrets, type TestOrganization } from '../support/world.js';

export type Agent = ReturnType<typeof testApp>['request'];

export interface WebhookOrganization {
  org: TestOrganization;
  adminId: string;
  admin: { Authorization: string };
  coachId: string;
  coach: { Authorization: string };
}

export async function webhookOrganization(): Promise<WebhookOrganization> {
  const org = await createOrganization();
  const adminId = await org.addUser({ role: 'admin' });
  const coachId = await org.addUser({ role: 'coach' });
  return { org, adminId, admin: await bearer(adminId), coachId, coach: await bearer(coachId) };
}

/**
 * Registers an endpoint over HTTP; fails the test on anything but 200. The ping a new endpoint
 * gets is dropped unless `keepPing` (test/webhooks/ping.test.ts tests it), so that a test
 * counts only what its own changes send.
 */
export async function registerEndpoint(
  request: Agent,
  admin: { Authorization: string },
  body: Record<string, unknown>,
  options: { keepPing?: boolean } = {},
): Promise<{ id: string; secret: string }> {
  const response = await request.post('/api/v1/webhook-endpoints').set(admin).send(body);
  if (response.status !== 200) throw new Error(`registering answered ${response.status}: ${response.text}`);
  const id = response.body.endpoint.id as string;
  if (!options.keepPing) await dropPings(id);
  return { id, secret: response.body.secret as string };
}

/** Deletes an endpoint's queued pings (their deliveries, then the events). */
export async function dropPings(endpointId: string): Promise<void> {
  const pings = db()('change_events').select('id').where({ subject_id: endpointId, type: 'webhook_endpoint.ping' });
  await db()('webhook_deliveries').whereIn('event_id', pings.clone()).delete();
  await db()('change_events').whereIn('id', pings).delete();
}

/** A clock that starts now and moves only when told. */
export class TestClock {
  private offsetMs = 0;
  readonly now = () => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

const dispatchers: Dispatcher[] = [];

export function testDispatcher(overrides: Partial<DispatcherOptions> = {}): Dispatcher {
  const dispatcher = startDispatcher({
    db: db(),
    logger: pino({ level: 'silent' }),
    timeoutMs: 2000,
    pollIntervalMs: 50,
    concurrency: 4,
    endpointConcurrency: 4,
    organizationConcurrency: 16,
    targets: { allowLoopback: true },
    // Tests use literal addresses; a name needs a resolver of the test's own.
    resolve: async (hostname) => {
      throw Object.assign(new Error(`no test resolver for ${hostname}`), { code: 'ENOTFOUND' });
    },
    random: () => 0.5,
    secrets: createSecretBox(testSecrets.webhookSecretsKeys),
    ...overrides,
  });
  dispatchers.push(dispatcher);
  return dispatcher;
}

/** Abandons the test's dispatchers and deletes every endpoint with its deliveries. */
export async function cleanUpWebhooks(database: Database = db()): Promise<void> {
  await Promise.all(dispatchers.splice(0).map((dispatcher) => dispatcher.abandon()));
  await database('webhook_deliveries').delete();
  await database('webhook_endpoints').delete();
}
