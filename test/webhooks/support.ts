// What the webhook tests share: an organization with an admin, its endpoints registered over
// HTTP, a dispatcher on the test database with a clock the test moves, and cleanup that
// leaves no endpoint (and so no due delivery) behind for the next test's dispatcher.
import { pino } from 'pino';
import type { Database } from '../../src/data/database.js';
import { startDispatcher, type Dispatcher, type DispatcherOptions } from '../../src/webhooks/dispatcher.js';
import { bearer, createOrganization, db, testApp, type TestOrganization } from '../support/world.js';

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

/** Registers an endpoint over HTTP; fails the test on anything but 200. */
export async function registerEndpoint(
  request: Agent,
  admin: { Authorization: string },
  body: Record<string, unknown>,
): Promise<{ id: string; secret: string }> {
  const response = await request.post('/api/v1/webhook-endpoints').set(admin).send(body);
  if (response.status !== 200) throw new Error(`registering answered ${response.status}: ${response.text}`);
  return { id: response.body.endpoint.id as string, secret: response.body.secret as string };
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
    targets: { allowLoopback: true },
    random: () => 0.5,
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
