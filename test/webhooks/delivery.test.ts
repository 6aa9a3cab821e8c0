// Webhook delivery end to end: a change through the API, a dispatcher on the test database,
// and a real HTTP receiver. Signatures verify with the `standardwebhooks` package; failures,
// timeouts and 429s are retried on the schedule (the dispatcher's clock is moved, not waited
// for); redirects are not followed; a schedule that fails to its end disables the endpoint.
import { expect } from 'chai';
import { Webhook } from 'standardwebhooks';
import { MAX_ATTEMPTS, RETRY_DELAYS_SECONDS } from '../../src/domain/webhook-schedule.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { deadlineFor, pollUntil } from '../support/deadlines.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';
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

interface Delivery {
  id: string;
  event_id: string;
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  last_response_body: string | null;
  last_latency_ms: number | null;
  next_attempt_at: string | null;
  redelivery: boolean;
}

describe('webhook delivery to a real receiver', () => {
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

  async function deliveries(endpointId: string): Promise<Delivery[]> {
    const response = await request.get(`/api/v1/webhook-endpoints/${endpointId}/deliveries`).set(world.admin);
    expect(response.status, response.text).to.equal(200);
    return response.body.deliveries as Delivery[];
  }

  async function createGroup(): Promise<string> {
    return createGroupVia(request, world.coach, { name: uniqueName('Hooked'), user_id: world.coachId });
  }

  const waitFor = (what: string, probe: () => Promise<boolean> | boolean) =>
    pollUntil(what, deadlineFor(2000), async () => probe());

  it('sends each subscribed event once, signed so that the standardwebhooks package verifies it, with the body the feed lists', async () => {
    receiver = await startReceiver([{ status: 204 }]);
    const { id, secret } = await registerEndpoint(request, world.admin, { url: `${receiver.url}/hooks` });
    const groupId = await createGroup();
    testDispatcher();
    await waitFor('the receiver got the event', () => receiver.received.length === 1);

    const [received] = receiver.received;
    const verified = new Webhook(secret).verify(received!.body, received!.headers as Record<string, string>) as {
      id: string;
    };
    const feed = await request.get('/api/v1/events').set(world.coach);
    expect(feed.body.events).to.have.length(1);
    expect(verified).to.deep.equal(feed.body.events[0]);
    expect(verified).to.include({ type: 'group.created', group_id: groupId, sequence: 1 });
    expect(received!.headers['webhook-id']).to.equal(verified.id);
    expect(received!.headers['content-type']).to.equal('application/json');
    expect(received!.path).to.equal('/hooks');
    expect(() =>
      new Webhook(`whsec_${Buffer.from('another secret of 32 bytes!!!!!!').toString('base64')}`).verify(
        received!.body,
        received!.headers as Record<string, string>,
      ),
    ).to.throw('No matching signature found');

    await waitFor('the delivery is recorded', async () => (await deliveries(id))[0]?.status === 'succeeded');
    const [delivery] = await deliveries(id);
    expect(delivery).to.include({
      event_id: verified.id,
      status: 'succeeded',
      attempts: 1,
      last_status_code: 204,
      last_error: null,
      next_attempt_at: null,
      redelivery: false,
    });
    expect(delivery!.last_latency_ms).to.be.a('number');
    const endpoint = await request.get(`/api/v1/webhook-endpoints/${id}`).set(world.admin);
    expect(endpoint.body.last_success_at).to.be.a('string');
    expect(receiver.received).to.have.length(1);
  });

  it('sends an endpoint only the types it subscribes to', async () => {
    receiver = await startReceiver();
    const { id } = await registerEndpoint(request, world.admin, {
      url: receiver.url,
      event_types: ['group.deleted'],
    });
    const groupId = await createGroup();
    expect((await request.delete(`/api/v1/groups/${groupId}`).set(world.coach)).status).to.equal(200);
    testDispatcher();
    await waitFor('the receiver got the delete', () => receiver.received.length === 1);
    expect(JSON.parse(receiver.received[0]!.body)).to.include({ type: 'group.deleted', group_id: groupId });
    expect((await deliveries(id)).map((delivery) => delivery.event_id)).to.have.length(1);
  });

  it('retries a failing receiver on the schedule, keeps what it answered, and succeeds later with the same webhook-id', async () => {
    receiver = await startReceiver([
      { status: 500, body: 'x'.repeat(3000) },
      { status: 503, body: 'down' },
      { status: 200, body: 'ok' },
    ]);
    const clock = new TestClock();
    const { id } = await registerEndpoint(request, world.admin, { url: receiver.url });
    await createGroup();
    const dispatcher = testDispatcher({ clock: clock.now });

    await waitFor('the first attempt is recorded', async () => (await deliveries(id))[0]?.attempts === 1);
    let [delivery] = await deliveries(id);
    expect(delivery).to.include({ status: 'pending', last_status_code: 500, last_error: 'http_status' });
    expect(delivery!.last_response_body).to.equal('x'.repeat(1024));
    const firstAt = receiver.received[0]!.at;
    // random() = 0.5: no jitter, the nominal wait exactly.
    const due = Date.parse(delivery!.next_attempt_at!);
    const expectedDue = clock.now().getTime() + RETRY_DELAYS_SECONDS[0]! * 1000;
    expect(Math.abs(due - expectedDue)).to.be.below(deadlineFor(0));

    clock.advance(RETRY_DELAYS_SECONDS[0]! * 1000 - 2000);
    expect(await dispatcher.runOnce(), 'not retried before its time').to.equal(0);
    await dispatcher.idle();
    expect(receiver.received).to.have.length(1);

    clock.advance(2000 + 1000);
    dispatcher.wake();
    await waitFor('the second attempt is recorded', async () => (await deliveries(id))[0]?.attempts === 2);
    [delivery] = await deliveries(id);
    expect(delivery).to.include({ status: 'pending', last_status_code: 503, last_response_body: 'down' });

    clock.advance(RETRY_DELAYS_SECONDS[1]! * 1000 + 1000);
    dispatcher.wake();
    await waitFor('the third attempt succeeds', async () => (await deliveries(id))[0]?.status === 'succeeded');
    [delivery] = await deliveries(id);
    expect(delivery).to.include({ attempts: 3, last_status_code: 200, last_error: null, next_attempt_at: null });
    expect(new Set(receiver.received.map((received) => received.headers['webhook-id']))).to.have.property('size', 1);
    expect(receiver.received[0]!.at).to.equal(firstAt);
  });

  it('waits as long as a 429 or 503 says in Retry-After when that is longer than the schedule', async () => {
    receiver = await startReceiver([{ status: 429, headers: { 'Retry-After': '3600' } }, { status: 200 }]);
    const clock = new TestClock();
    const { id } = await registerEndpoint(request, world.admin, { url: receiver.url });
    await createGroup();
    const dispatcher = testDispatcher({ clock: clock.now });
    await waitFor('the first attempt is recorded', async () => (await deliveries(id))[0]?.attempts === 1);
    const [delivery] = await deliveries(id);
    expect(delivery!.last_status_code).to.equal(429);
    const wait = Date.parse(delivery!.next_attempt_at!) - clock.now().getTime();
    expect(wait).to.be.within(3600_000 - deadlineFor(0), 3600_000);

    clock.advance(600_000);
    expect(await dispatcher.runOnce(), 'the schedule alone (10 s) would have retried by now').to.equal(0);
    await dispatcher.idle();
    expect(receiver.received).to.have.length(1);
    clock.advance(3000_000 + 1000);
    dispatcher.wake();
    await waitFor('retried after Retry-After', async () => (await deliveries(id))[0]?.status === 'succeeded');
  });

  it('gives up on an answer that takes longer than the timeout and tries again', async () => {
    receiver = await startReceiver([{ status: 200, delayMs: 3000 }, { status: 200 }]);
    const clock = new TestClock();
    const { id } = await registerEndpoint(request, world.admin, { url: receiver.url });
    await createGroup();
    const dispatcher = testDispatcher({ clock: clock.now, timeoutMs: 300 });
    await pollUntil('the timeout is recorded', deadlineFor(300), async () => (await deliveries(id))[0]?.attempts === 1);
    const [delivery] = await deliveries(id);
    expect(delivery).to.include({ status: 'pending', last_error: 'timeout', last_status_code: null });
    clock.advance(RETRY_DELAYS_SECONDS[0]! * 1000 * 1.2 + 1000);
    dispatcher.wake();
    await waitFor('the retry succeeds', async () => (await deliveries(id))[0]?.status === 'succeeded');
  });

  it('takes a status outside HTTP’s (999) for no answer, and keeps the log within the spec', async () => {
    receiver = await startReceiver([{ status: 999 }]);
    const { id } = await registerEndpoint(request, world.admin, { url: receiver.url });
    await createGroup();
    testDispatcher();
    await waitFor('the attempt is recorded', async () => (await deliveries(id))[0]?.attempts === 1);
    expect((await deliveries(id))[0]).to.include({
      last_status_code: null,
      last_error: 'connection_failed',
      status: 'pending',
    });
  });

  it('stops gracefully: an attempt under way ends and is recorded', async () => {
    receiver = await startReceiver([{ status: 200, delayMs: 400 }]);
    const { id } = await registerEndpoint(request, world.admin, { url: receiver.url });
    await createGroup();
    const dispatcher = testDispatcher();
    await waitFor('the request is under way', () => receiver.received.length === 1);
    await dispatcher.stop();
    expect((await deliveries(id))[0]).to.include({ status: 'succeeded', attempts: 1, last_status_code: 200 });
  });

  it('does not follow a redirect: it is a failed attempt with its status', async () => {
    const target = await startReceiver();
    receiver = await startReceiver([{ status: 302, headers: { Location: `${target.url}/elsewhere` } }]);
    try {
      const { id } = await registerEndpoint(request, world.admin, { url: receiver.url });
      await createGroup();
      testDispatcher();
      await waitFor('the redirect is recorded', async () => (await deliveries(id))[0]?.attempts === 1);
      expect((await deliveries(id))[0]).to.include({
        last_status_code: 302,
        last_error: 'http_status',
        status: 'pending',
      });
      expect(target.received).to.deep.equal([]);
    } finally {
      await target.close();
    }
  });

  it('fails a delivery after the whole schedule and disables an endpoint that failed all along, visibly', async () => {
    receiver = await startReceiver([{ status: 500 }]);
    const clock = new TestClock();
    const { id } = await registerEndpoint(request, world.admin, { url: receiver.url });
    await createGroup();
    const metrics = createMetrics(db());
    const dispatcher = testDispatcher({ clock: clock.now, metrics });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await waitFor(`attempt ${attempt} is recorded`, async () => (await deliveries(id))[0]?.attempts === attempt);
      if (attempt < MAX_ATTEMPTS) {
        clock.advance(RETRY_DELAYS_SECONDS[attempt - 1]! * 1000 + 1000);
        dispatcher.wake();
      }
    }
    expect((await deliveries(id))[0]).to.include({ status: 'failed', attempts: MAX_ATTEMPTS, next_attempt_at: null });
    expect(receiver.received).to.have.length(MAX_ATTEMPTS);
    const endpoint = await request.get(`/api/v1/webhook-endpoints/${id}`).set(world.admin);
    expect(endpoint.body).to.include({ status: 'disabled', disabled_reason: 'failing' });
    expect(endpoint.body.last_success_at).to.equal(null);
    expect(endpoint.body.last_failure_at).to.be.a('string');
    const counted = await metrics.registry.metrics();
    expect(counted).to.contain(`webhook_attempts_total{outcome="pending",error="http_status"} ${MAX_ATTEMPTS - 1}`);
    expect(counted).to.contain('webhook_attempts_total{outcome="failed",error="http_status"} 1');
    expect(counted).to.contain('webhook_endpoints_disabled_total 1');

    // Disabled: a new change queues nothing for it.
    await createGroup();
    expect(await deliveries(id)).to.have.length(1);
    // Enabled again by an admin: new changes go out again.
    receiver.replies.splice(0, receiver.replies.length, { status: 200 });
    const enabled = await request.put(`/api/v1/webhook-endpoints/${id}`).set(world.admin).send({ status: 'enabled' });
    expect(enabled.body).to.include({ status: 'enabled', disabled_reason: null });
    await createGroup();
    await waitFor('the new event is delivered', async () => (await deliveries(id))[0]?.status === 'succeeded');
  });

  it('redelivers an event on request with the same webhook-id, marked as a redelivery', async () => {
    receiver = await startReceiver();
    const { id } = await registerEndpoint(request, world.admin, { url: receiver.url });
    await createGroup();
    testDispatcher();
    await waitFor('the first delivery', () => receiver.received.length === 1);
    const eventId = String(receiver.received[0]!.headers['webhook-id']);
    const redelivered = await request
      .post(`/api/v1/webhook-endpoints/${id}/deliveries`)
      .set(world.admin)
      .send({ event_id: eventId });
    expect(redelivered.status, redelivered.text).to.equal(200);
    expect(redelivered.body).to.include({ event_id: eventId, redelivery: true, status: 'pending', attempts: 0 });
    await waitFor('the redelivery', () => receiver.received.length === 2);
    expect(receiver.received[1]!.headers['webhook-id']).to.equal(eventId);
    expect(receiver.received[1]!.body).to.equal(receiver.received[0]!.body);
  });

  it('signs with the old and the new secret for 24 hours after a rotation, then with the new one only', async () => {
    receiver = await startReceiver();
    const clock = new TestClock();
    const { id, secret: oldSecret } = await registerEndpoint(request, world.admin, { url: receiver.url });
    const rotation = await request.post(`/api/v1/webhook-endpoints/${id}/rotate-secret`).set(world.admin);
    expect(rotation.status).to.equal(200);
    const newSecret = rotation.body.secret as string;
    expect(newSecret)
      .to.match(/^whsec_/)
      .and.not.equal(oldSecret);
    expect(Date.parse(rotation.body.previous_secret_expires_at) - Date.now()).to.be.within(
      24 * 3600_000 - deadlineFor(0),
      24 * 3600_000,
    );
    await createGroup();
    const dispatcher = testDispatcher({ clock: clock.now });
    await waitFor('delivered after the rotation', () => receiver.received.length === 1);
    const headers = receiver.received[0]!.headers as Record<string, string>;
    expect(headers['webhook-signature']!.split(' ')).to.have.length(2);
    for (const secret of [oldSecret, newSecret]) new Webhook(secret).verify(receiver.received[0]!.body, headers);

    // A day later the old secret signs no more. (The receiver's own clock is real: a signature
    // made at the moved clock's time is checked here by hand.)
    clock.advance(24 * 3600_000 + 60_000);
    await request.post(`/api/v1/webhook-endpoints/${id}/deliveries`).set(world.admin).send({
      event_id: headers['webhook-id'],
    });
    dispatcher.wake();
    await waitFor('the redelivery a day later', () => receiver.received.length === 2);
    const later = receiver.received[1]!;
    const signatures = String(later.headers['webhook-signature']).split(' ');
    const at = new Date(Number(later.headers['webhook-timestamp']) * 1000);
    expect(signatures).to.deep.equal([
      new Webhook(newSecret).sign(String(later.headers['webhook-id']), at, later.body),
    ]);
  });
});
