// No organization slows another's events: an endpoint holds at most its cap of attempts in
// flight, a failing endpoint is paused (its circuit breaker) and probed one attempt at a time,
// and the organization hears of a long pause, a resumption and a disabling. Waits are on the
// dispatcher (runOnce, idle) and on a clock the test moves, never on the wall clock alone.
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { Webhook } from 'standardwebhooks';
import { FIRST_PAUSE_MS } from '../../src/domain/endpoint-health.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';
import { deadlineFor, pollUntil } from '../support/deadlines.js';
import { createGroupVia, db, testApp, uniqueName } from '../support/world.js';
import {
  cleanUpWebhooks,
  registerEndpoint,
  TestClock,
  testDispatcher,
  webhookOrganization,
  type Agent,
  type WebhookOrganization,
} from './support.js';

/** A server that accepts connections and never answers: the worst neighbour an endpoint can be. */
async function startBlackHole(): Promise<{
  url: string;
  open: Set<Socket>;
  accepted: number;
  mostOpen: number;
  close(): Promise<void>;
}> {
  const open = new Set<Socket>();
  const hole = {
    url: '',
    open,
    accepted: 0,
    mostOpen: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((socket) => {
    hole.accepted++;
    open.add(socket);
    hole.mostOpen = Math.max(hole.mostOpen, open.size);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => undefined);
    // Reads (and drops) what comes, so that it sees a connection the dispatcher closes.
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hole.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return hole;
}

interface EndpointBody {
  status: string;
  consecutive_failures: number;
  paused_until: string | null;
  failing_since: string | null;
  disabled_reason: string | null;
}

describe('webhook isolation: caps, pauses and what the organization hears', () => {
  let request: Agent;
  let world: WebhookOrganization;
  const closers: (() => Promise<void>)[] = [];

  before(() => cleanUpWebhooks());

  beforeEach(async () => {
    request = testApp().request;
    world = await webhookOrganization();
  });

  afterEach(async () => {
    await cleanUpWebhooks();
    for (const close of closers.splice(0)) await close();
  });

  async function receiver(replies?: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
    const started = await startReceiver(replies);
    closers.push(() => started.close());
    return started;
  }

  async function changes(of: WebhookOrganization, count: number): Promise<void> {
    for (let index = 0; index < count; index++)
      await createGroupVia(request, of.coach, { name: uniqueName('Change'), user_id: of.coachId });
  }

  const endpoint = async (id: string) =>
    (await request.get(`/api/v1/webhook-endpoints/${id}`).set(world.admin)).body as EndpointBody;

  const deliveries = async (id: string) =>
    (await request.get(`/api/v1/webhook-endpoints/${id}/deliveries?page_size=100`).set(world.admin)).body
      .deliveries as { status: string; attempts: number; waiting_for: string | null; next_attempt_at: string | null }[];

  it("reaches one organization's endpoint while another's holds every attempt it may, hanging", async () => {
    const hole = await startBlackHole();
    closers.push(() => hole.close());
    const { id: deadId } = await registerEndpoint(request, world.admin, { url: hole.url });
    await changes(world, 12);
    const neighbour = await webhookOrganization();
    const healthy = await receiver();
    await registerEndpoint(request, neighbour.admin, { url: healthy.url });

    // Twelve due deliveries at a dead endpoint, four slots: before, they took all four for the
    // whole timeout (a minute here), and the neighbour's event waited behind them.
    const dispatcher = testDispatcher({ concurrency: 4, endpointConcurrency: 2, timeoutMs: 60_000 });
    await pollUntil('the dead endpoint holds its two attempts', deadlineFor(0), async () => hole.open.size === 2);
    await changes(neighbour, 1);
    await pollUntil('the neighbour got its event', deadlineFor(0), async () => healthy.received.length === 1);
    expect(JSON.parse(healthy.received[0]!.body)).to.include({ type: 'group.created', org_id: neighbour.org.id });
    expect(await dispatcher.runOnce(), 'the dead endpoint is at its cap: nothing more is claimed').to.equal(0);
    expect(hole.accepted, 'never more than its cap of connections').to.equal(2);
    expect((await deliveries(deadId)).filter((delivery) => delivery.attempts > 0)).to.deep.equal([]);
  });

  it('never has more attempts in flight than the cap, attempts timing out and starting again', async () => {
    const hole = await startBlackHole();
    closers.push(() => hole.close());
    const { id: endpointId } = await registerEndpoint(request, world.admin, { url: hole.url });
    await changes(world, 12);
    const options = { concurrency: 8, endpointConcurrency: 3, timeoutMs: 300 };
    testDispatcher(options);
    testDispatcher(options);
    // Attempts in flight are the live claims; sampled while the rounds run.
    let mostInFlight = 0;
    const sampling = setInterval(() => {
      void db()('webhook_deliveries')
        .where({ endpoint_id: endpointId })
        .andWhere('claimed_until', '>', new Date())
        .count<{ n: number | string }[]>({ n: '*' })
        .then(([row]) => (mostInFlight = Math.max(mostInFlight, Number(row!.n))));
    }, 20);
    try {
      // Three attempts time out, three more start; the fifth failure pauses the endpoint.
      await pollUntil('two rounds of attempts', deadlineFor(1000), async () => hole.accepted >= 6);
      await pollUntil(
        'the endpoint is paused',
        deadlineFor(1000),
        async () => (await endpoint(endpointId)).paused_until !== null,
      );
    } finally {
      clearInterval(sampling);
    }
    expect(mostInFlight, 'attempts in flight at once').to.equal(3);
    // What the hole saw may lag a closed connection by an instant, never by a round.
    expect(hole.mostOpen, 'connections open at once').to.be.at.most(4);
  });

  it('keeps organizations whose endpoints share a host apart: one hanging path holds no connection of another', async () => {
    // One server for both: /slow never answers, /fast answers at once.
    const answered: string[] = [];
    const shared = createHttpServer((req, res) => {
      req.resume();
      if (req.url?.startsWith('/fast')) {
        answered.push(req.url);
        res.writeHead(204).end();
      }
    });
    await new Promise<void>((resolve) => shared.listen(0, '127.0.0.1', resolve));
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          shared.closeAllConnections();
          shared.close(() => resolve());
        }),
    );
    const origin = `http://127.0.0.1:${(shared.address() as AddressInfo).port}`;
    await registerEndpoint(request, world.admin, { url: `${origin}/slow` });
    await changes(world, 8);
    const neighbour = await webhookOrganization();
    await registerEndpoint(request, neighbour.admin, { url: `${origin}/fast` });
    testDispatcher({ concurrency: 16, endpointConcurrency: 4, timeoutMs: 60_000 });
    const held = async () => {
      const [row] = await db()('webhook_deliveries')
        .where({ org_id: world.org.id })
        .whereNotNull('claim_token')
        .count<{ n: number | string }[]>({ n: '*' });
      return Number(row!.n);
    };
    await pollUntil('the slow path holds its four attempts', deadlineFor(0), async () => (await held()) === 4);
    await changes(neighbour, 3);
    await pollUntil('the neighbour’s three events arrived', deadlineFor(0), async () => answered.length === 3);
  });

  it('holds an endpoint to its cap across dispatchers claiming at the same time', async () => {
    const hole = await startBlackHole();
    closers.push(() => hole.close());
    await registerEndpoint(request, world.admin, { url: hole.url });
    await changes(world, 12);
    const options = { concurrency: 8, endpointConcurrency: 3, timeoutMs: 60_000 };
    const dispatchers = [testDispatcher(options), testDispatcher(options), testDispatcher(options)];
    await pollUntil('the endpoint holds its three attempts', deadlineFor(0), async () => hole.open.size === 3);
    const more = await Promise.all(dispatchers.map((dispatcher) => dispatcher.runOnce()));
    expect(more, 'no dispatcher claims past the cap').to.deep.equal([0, 0, 0]);
    expect(hole.accepted, 'three connections in all').to.equal(3);
  });

  it('pauses an endpoint after five failures in a row; its deliveries and new events wait without attempts', async () => {
    const failing = await receiver([{ status: 503 }]);
    const clock = new TestClock();
    const { id } = await registerEndpoint(request, world.admin, { url: failing.url });
    await changes(world, 8);
    const metrics = createMetrics(db());
    const dispatcher = testDispatcher({ clock: clock.now, endpointConcurrency: 1, metrics });
    await dispatcher.idle();

    const attempted = async () => (await deliveries(id)).reduce((sum, delivery) => sum + delivery.attempts, 0);
    expect(await attempted(), 'five attempts, then the pause').to.equal(5);
    expect(failing.received.length, 'every attempt reached the receiver').to.be.at.least(5);
    const paused = await endpoint(id);
    expect(paused).to.include({ status: 'enabled', consecutive_failures: 5 });
    expect(Date.parse(paused.paused_until!) - clock.now().getTime()).to.be.within(
      FIRST_PAUSE_MS - deadlineFor(0),
      FIRST_PAUSE_MS,
    );
    const log = await deliveries(id);
    expect(log.filter((delivery) => delivery.status === 'pending')).to.have.length(8);
    expect(new Set(log.map((delivery) => delivery.waiting_for))).to.deep.equal(new Set(['endpoint_paused']));
    for (const delivery of log)
      expect(Date.parse(delivery.next_attempt_at!)).to.be.at.least(Date.parse(paused.paused_until!));
    expect(await metrics.registry.metrics()).to.contain('webhook_endpoint_pauses_total 1');
    // The dispatcher counts paused endpoints after a pause, at its next claim.
    await pollUntil('the gauge counts the pause', deadlineFor(0), async () =>
      (await metrics.registry.metrics()).includes('webhook_endpoints_paused 1'),
    );

    await changes(world, 1);
    expect(await dispatcher.runOnce(), 'a new event for a paused endpoint waits').to.equal(0);
    await dispatcher.idle();
    expect(await attempted()).to.equal(5);
  });

  it('probes a paused endpoint one attempt at a time; a success resumes it and releases the backlog', async () => {
    // Five failures, then the probe, which hangs until released, then successes.
    const recovering = await receiver([
      ...Array(5).fill({ status: 503 }),
      { status: 200, hold: true },
      { status: 200 },
    ]);
    const clock = new TestClock();
    const { id } = await registerEndpoint(request, world.admin, { url: recovering.url });
    await changes(world, 10);
    const metrics = createMetrics(db());
    const dispatcher = testDispatcher({ clock: clock.now, endpointConcurrency: 1, metrics });
    await dispatcher.idle();
    expect((await endpoint(id)).consecutive_failures, 'paused after five failures').to.equal(5);

    // The pause ends; a dispatcher that may send 4 at a time to the endpoint sends it one probe.
    await dispatcher.stop();
    clock.advance(FIRST_PAUSE_MS + 1000);
    const prober = testDispatcher({ clock: clock.now, endpointConcurrency: 4, metrics });
    await pollUntil('the probe is under way', deadlineFor(0), async () => recovering.received.length === 6);
    expect(await prober.runOnce(), 'one probe at a time, whatever the cap').to.equal(0);
    expect(
      await db()('webhook_deliveries').where({ endpoint_id: id }).whereNotNull('claim_token').count({ n: '*' }),
    ).to.deep.equal([{ n: 1 }]);

    recovering.release();
    await pollUntil('every delivery succeeded', deadlineFor(2000), async () =>
      (await deliveries(id)).every((delivery) => delivery.status === 'succeeded'),
    );
    expect(await endpoint(id)).to.include({ consecutive_failures: 0, paused_until: null, failing_since: null });
    expect(await metrics.registry.metrics()).to.contain('webhook_endpoint_resumes_total 1');
  });

  it("tells the organization's other endpoints, and its admins' feed, of a long pause and of the resumption", async () => {
    const failing = await receiver([{ status: 500 }]);
    const watcher = await receiver();
    const clock = new TestClock();
    const { id } = await registerEndpoint(request, world.admin, { url: failing.url });
    const { secret: watcherSecret } = await registerEndpoint(request, world.admin, {
      url: watcher.url,
      event_types: ['webhook_endpoint.paused', 'webhook_endpoint.resumed', 'webhook_endpoint.disabled'],
    });
    await changes(world, 12);
    const dispatcher = testDispatcher({ clock: clock.now, endpointConcurrency: 1 });
    // 30 s, 1, 2, 4, 8 min: the probe after 15 minutes of pause is the tenth failure.
    for (let probe = 0; watcher.received.length === 0 && probe < 12; probe++) {
      await dispatcher.idle();
      const { paused_until: until } = await endpoint(id);
      if (until) clock.advance(Date.parse(until) - clock.now().getTime() + 1);
    }
    expect(failing.received).to.have.length(10);
    await pollUntil('the watcher got the notice', deadlineFor(0), async () => watcher.received.length === 1);
    // Signed at the moved clock's time, which standardwebhooks' own check would call too new.
    const [received] = watcher.received;
    const signedAt = new Date(Number(received!.headers['webhook-timestamp']) * 1000);
    expect(received!.headers['webhook-signature']).to.equal(
      new Webhook(watcherSecret).sign(String(received!.headers['webhook-id']), signedAt, received!.body),
    );
    const notice = JSON.parse(received!.body) as Record<string, unknown>;
    expect(notice).to.deep.include({
      type: 'webhook_endpoint.paused',
      endpoint_id: id,
      org_id: world.org.id,
      sequence: 1,
    });
    expect(notice.data).to.deep.include({
      origin: failing.url,
      consecutive_failures: 10,
      last_error: 'http_status',
      last_status_code: 500,
    });

    const adminFeed = await request.get('/api/v1/events?types=webhook_endpoint.paused').set(world.admin);
    expect(adminFeed.body.events.map((event: { id: string }) => event.id)).to.deep.equal([notice.id]);
    const coachFeed = await request.get('/api/v1/events?limit=100').set(world.coach);
    expect(coachFeed.body.events.map((event: { type: string }) => event.type)).to.not.include(
      'webhook_endpoint.paused',
    );

    failing.replies.splice(0, failing.replies.length, { status: 204 });
    const { paused_until: until } = await endpoint(id);
    clock.advance(Date.parse(until!) - clock.now().getTime() + 1);
    await pollUntil('the watcher heard of the resumption', deadlineFor(0), async () => {
      dispatcher.wake();
      return watcher.received.length === 2;
    });
    expect(JSON.parse(watcher.received[1]!.body)).to.deep.include({
      type: 'webhook_endpoint.resumed',
      endpoint_id: id,
      sequence: 2,
    });
    expect(failing.received.every((received) => !received.body.includes('webhook_endpoint.'))).to.equal(true);
  });

  it('disables an endpoint that failed as long as the whole retry schedule, and says so', async () => {
    const failing = await receiver([{ status: 502 }]);
    const watcher = await receiver();
    const clock = new TestClock();
    const { id } = await registerEndpoint(request, world.admin, { url: failing.url });
    await registerEndpoint(request, world.admin, { url: watcher.url });
    await changes(world, 1);
    await db()('webhook_endpoints')
      .where({ id })
      .update({ failing_since: new Date(clock.now().getTime() - 4 * 86_400_000) });
    const dispatcher = testDispatcher({ clock: clock.now, endpointConcurrency: 1 });
    await pollUntil('the endpoint is disabled', deadlineFor(0), async () => (await endpoint(id)).status === 'disabled');
    expect(await endpoint(id)).to.include({ disabled_reason: 'failing', paused_until: null });
    await dispatcher.idle();
    const told = watcher.received.map(
      (received) => JSON.parse(received.body) as { type: string; endpoint_id?: string },
    );
    expect(told.find((event) => event.type === 'webhook_endpoint.disabled')).to.include({ endpoint_id: id });
    expect((await deliveries(id)).map((delivery) => delivery.waiting_for)).to.deep.equal(['endpoint_disabled']);

    // Enabled again: the pause and the failure record are gone, and what waited goes out.
    failing.replies.splice(0, failing.replies.length, { status: 200 });
    await request.put(`/api/v1/webhook-endpoints/${id}`).set(world.admin).send({ status: 'enabled' });
    // Its retry (10 s after the failure) is due by then.
    clock.advance(60_000);
    dispatcher.wake();
    await pollUntil('the waiting delivery went out', deadlineFor(0), async () =>
      (await deliveries(id)).every((delivery) => delivery.status === 'succeeded'),
    );
  });
});
