// Dispatchers sharing the work and dying in it: two dispatchers never hold one delivery at
// once, a dispatcher that dies mid-attempt loses nothing (its claims lapse and another sends
// the delivery again, with the same webhook-id), and the address check at delivery time keeps
// a name that turned internal from reaching the internal network.
import { expect } from 'chai';
import { ChildService } from '../support/processes.js';
import { testDatabase } from '../support/hooks.js';
import { deadlineFor, pollUntil } from '../support/deadlines.js';
import { testWebhookSecretsKey } from '../support/secrets.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';
import { createHandlers } from '../../src/http/handlers/index.js';
import { createGroupVia, db, handlerDependencies, testApp, uniqueName } from '../support/world.js';
import {
  cleanUpWebhooks,
  registerEndpoint,
  TestClock,
  testDispatcher,
  webhookOrganization,
  type Agent,
  type WebhookOrganization,
} from './support.js';

describe('webhook dispatchers sharing deliveries, dying, and checking addresses', () => {
  let request: Agent;
  let world: WebhookOrganization;
  let receiver: Receiver;

  // Endpoints other files left would have their deliveries claimed by this file's dispatchers.
  before(() => cleanUpWebhooks());

  beforeEach(async () => {
    request = testApp().request;
    world = await webhookOrganization();
  });

  afterEach(async () => {
    await cleanUpWebhooks();
    await receiver?.close();
  });

  const statuses = async (endpointId: string) =>
    db()<{ endpoint_id: string; status: string; attempts: number }>('webhook_deliveries')
      .where({ endpoint_id: endpointId })
      .select('status', 'attempts');

  async function createGroups(count: number): Promise<void> {
    for (let index = 0; index < count; index++)
      await createGroupVia(request, world.coach, { name: uniqueName('Shared'), user_id: world.coachId });
  }

  it('two dispatchers send every delivery exactly once between them, never one delivery twice at the same time', async () => {
    receiver = await startReceiver([{ status: 200, delayMs: 40 }]);
    const { id } = await registerEndpoint(request, world.admin, { url: receiver.url });
    await createGroups(24);
    testDispatcher({ concurrency: 3 });
    testDispatcher({ concurrency: 3 });
    await pollUntil('every delivery succeeded', deadlineFor(5000), async () =>
      (await statuses(id)).every((delivery) => delivery.status === 'succeeded'),
    );
    const ids = receiver.received.map((received) => received.headers['webhook-id']);
    expect(ids).to.have.length(24);
    expect(new Set(ids).size).to.equal(24);
    expect(receiver.mostConcurrentPerId).to.equal(1);
    expect((await statuses(id)).map((delivery) => delivery.attempts)).to.deep.equal(Array(24).fill(1));
  });

  it('a dispatcher that dies mid-attempt loses nothing: its claims lapse and another sends the same webhook-ids', async () => {
    receiver = await startReceiver([{ status: 200, hold: true }]);
    const clock = new TestClock();
    const { id } = await registerEndpoint(request, world.admin, { url: receiver.url });
    await createGroups(3);
    const dying = testDispatcher({ clock: clock.now, concurrency: 8 });
    await pollUntil('the three requests are under way', deadlineFor(2000), async () => receiver.received.length === 3);
    const firstIds = receiver.received.map((received) => received.headers['webhook-id']).sort();
    await dying.abandon();
    expect(await statuses(id), 'nothing was recorded for the lost attempts').to.deep.equal(
      Array(3).fill({ status: 'pending', attempts: 0 }),
    );

    receiver.replies.splice(0, receiver.replies.length, { status: 200 });
    const survivor = testDispatcher({ clock: clock.now });
    expect(await survivor.runOnce(), 'the claims hold until they lapse').to.equal(0);
    await survivor.idle();
    expect(receiver.received).to.have.length(3);
    clock.advance(2000 + 30_000 + 1000);
    survivor.wake();
    await pollUntil('the deliveries succeeded', deadlineFor(2000), async () =>
      (await statuses(id)).every((delivery) => delivery.status === 'succeeded'),
    );
    const againIds = receiver.received
      .slice(3)
      .map((received) => received.headers['webhook-id'])
      .sort();
    expect(againIds).to.deep.equal(firstIds);
  });

  it('a dispatcher process killed (SIGKILL) in the middle of deliveries loses none of them', async function () {
    this.timeout(60_000);
    receiver = await startReceiver([{ status: 200, hold: true }]);
    const clock = new TestClock();
    const { id } = await registerEndpoint(request, world.admin, { url: receiver.url });
    await createGroups(4);
    const { url, sqliteFile } = testDatabase().options;
    const child = ChildService.start({
      command: [process.execPath, '--import', 'tsx', 'src/cli/dispatch.ts'],
      env: {
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        DATABASE_URL: url ?? '',
        SQLITE_FILE: sqliteFile,
        WEBHOOK_ALLOW_LOOPBACK: 'true',
        WEBHOOK_POLL_INTERVAL_MS: '50',
        // The key the test app sealed the endpoint's secret with.
        WEBHOOK_SECRETS_KEY: testWebhookSecretsKey,
      },
    });
    try {
      await pollUntil('the process has every request under way', deadlineFor(15_000), async () => {
        if (child.hasExited()) throw new Error(`the dispatcher exited: ${child.stderr}`);
        return receiver.received.length === 4;
      });
    } finally {
      child.signal('SIGKILL');
      await child.exited;
    }
    const firstIds = receiver.received.map((received) => received.headers['webhook-id']).sort();
    receiver.replies.splice(0, receiver.replies.length, { status: 200 });
    // Its claims run for the timeout (10 s) and a margin (30 s): a clock past them takes them over.
    clock.advance(10_000 + 30_000 + 1000);
    testDispatcher({ clock: clock.now });
    await pollUntil('every delivery succeeded', deadlineFor(2000), async () =>
      (await statuses(id)).every((delivery) => delivery.status === 'succeeded'),
    );
    expect(
      receiver.received
        .slice(4)
        .map((received) => received.headers['webhook-id'])
        .sort(),
    ).to.deep.equal(firstIds);
    expect(new Set(firstIds).size).to.equal(4);
  });

  it('refuses at delivery a name that now resolves to a private address, and never connects', async () => {
    receiver = await startReceiver();
    const port = new URL(receiver.url).port;
    // Public when registered, internal when delivered (both resolvers are the test's).
    const registering = testApp({
      handlers: createHandlers({ ...handlerDependencies(), resolveHost: async () => ['93.184.216.34'] }),
    });
    const { id } = await registerEndpoint(registering.request, world.admin, {
      url: `https://rebinding.example:${port}/`,
    });
    await createGroups(1);
    const lookups: string[] = [];
    testDispatcher({
      resolve: async (hostname) => {
        lookups.push(hostname);
        return [{ address: '10.0.0.7', family: 4 }];
      },
    });
    await pollUntil('the attempt is recorded', deadlineFor(2000), async () => (await statuses(id))[0]?.attempts === 1);
    const [delivery] = (await db()('webhook_deliveries').where({ endpoint_id: id })) as { last_error: string }[];
    expect(delivery!.last_error).to.equal('blocked_address');
    expect(lookups).to.deep.equal(['rebinding.example']);
    expect(receiver.received).to.deep.equal([]);
  });

  it('refuses at delivery a loopback address when loopback is not allowed', async () => {
    receiver = await startReceiver();
    const { id } = await registerEndpoint(request, world.admin, { url: receiver.url });
    await createGroups(1);
    testDispatcher({ targets: { allowLoopback: false } });
    await pollUntil('the attempt is recorded', deadlineFor(2000), async () => (await statuses(id))[0]?.attempts === 1);
    const [delivery] = (await db()('webhook_deliveries').where({ endpoint_id: id })) as { last_error: string }[];
    expect(delivery!.last_error).to.equal('blocked_address');
    expect(receiver.received).to.deep.equal([]);
  });
});
