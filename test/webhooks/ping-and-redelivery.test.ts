// Pings (a new endpoint gets one; POST …/test sends another) and the bounds on redelivery:
// only subscribed types, a pending redelivery answers a second ask, at most 5 per event and
// endpoint, at most 100 redeliveries and test events an hour per endpoint.
import { expect } from 'chai';
import { Webhook } from 'standardwebhooks';
import { HOURLY_REQUESTS, MAX_REDELIVERIES } from '../../src/domain/webhook-deliveries.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';
import { deadlineFor, pollUntil } from '../support/deadlines.js';
import { createGroupVia, db, testApp, uniqueName } from '../support/world.js';
import {
  cleanUpWebhooks,
  registerEndpoint,
  testDispatcher,
  webhookOrganization,
  type Agent,
  type WebhookOrganization,
} from './support.js';

describe('webhook pings and redelivery limits', () => {
  let request: Agent;
  let world: WebhookOrganization;
  let receiver: Receiver | undefined;

  before(() => cleanUpWebhooks());

  beforeEach(async () => {
    request = testApp().request;
    world = await webhookOrganization();
  });

  afterEach(async () => {
    await cleanUpWebhooks();
    await receiver?.close();
    receiver = undefined;
  });

  const groupCreatedEvent = async () => {
    const groupId = await createGroupVia(request, world.coach, { name: uniqueName('Pinged'), user_id: world.coachId });
    return (await db()<{ id: string; subject_id: string }>('change_events').where({ subject_id: groupId }).first('id'))!
      .id;
  };
  const redeliver = (endpointId: string, eventId: string) =>
    request.post(`/api/v1/webhook-endpoints/${endpointId}/deliveries`).set(world.admin).send({ event_id: eventId });

  it('pings a new endpoint at once, whatever it subscribes to, signed like any event, and not in the feed', async () => {
    receiver = await startReceiver();
    const { id, secret } = await registerEndpoint(
      request,
      world.admin,
      { url: receiver.url, event_types: ['group.deleted'] },
      { keepPing: true },
    );
    const dispatcher = testDispatcher();
    await dispatcher.idle();
    expect(receiver.received).to.have.length(1);
    const [ping] = receiver.received;
    const event = new Webhook(secret).verify(ping!.body, ping!.headers as Record<string, string>) as Record<
      string,
      unknown
    >;
    expect(event).to.deep.include({
      type: 'webhook_endpoint.ping',
      endpoint_id: id,
      org_id: world.org.id,
      sequence: 1,
      data: { url: receiver.url, reason: 'created' },
    });
    const feed = await request.get('/api/v1/events?limit=100').set(world.admin);
    expect(feed.body.events.map((item: { id: string }) => item.id)).to.not.include(event.id);
    const log = await request.get(`/api/v1/webhook-endpoints/${id}/deliveries`).set(world.admin);
    expect(log.body.deliveries[0]).to.include({ event_type: 'webhook_endpoint.ping', status: 'succeeded' });
  });

  it('sends a test event on demand and answers its delivery; refuses a disabled endpoint', async () => {
    receiver = await startReceiver();
    const { id } = await registerEndpoint(request, world.admin, { url: receiver.url });
    const answer = await request.post(`/api/v1/webhook-endpoints/${id}/test`).set(world.admin);
    expect(answer.status, answer.text).to.equal(200);
    expect(answer.body).to.include({
      endpoint_id: id,
      event_type: 'webhook_endpoint.ping',
      redelivery: false,
      status: 'pending',
      attempts: 0,
      waiting_for: null,
    });
    testDispatcher();
    await pollUntil('the ping arrived', deadlineFor(0), async () => receiver!.received.length === 1);
    expect(JSON.parse(receiver.received[0]!.body)).to.deep.include({
      id: receiver.received[0]!.headers['webhook-id'],
      data: { url: receiver.url, reason: 'test' },
    });

    await request.put(`/api/v1/webhook-endpoints/${id}`).set(world.admin).send({ status: 'disabled' });
    const disabled = await request.post(`/api/v1/webhook-endpoints/${id}/test`).set(world.admin);
    expect(disabled.status).to.equal(409);
    expect(disabled.body.code).to.equal('webhook_endpoint_disabled');
    const missing = await request.post('/api/v1/webhook-endpoints/whe_nothere/test').set(world.admin);
    expect(missing.status).to.equal(404);
    expect(missing.body.code).to.equal('webhook_endpoint_not_found');
  });

  it('refuses to redeliver a ping, or a type the endpoint does not subscribe to', async () => {
    const { id } = await registerEndpoint(
      request,
      world.admin,
      { url: 'https://a.partner.example/', event_types: ['group.deleted'] },
      { keepPing: true },
    );
    const notSubscribed = await redeliver(id, await groupCreatedEvent());
    expect(notSubscribed.status).to.equal(409);
    expect(notSubscribed.body).to.include({ code: 'event_type_not_subscribed' });
    expect(notSubscribed.body.detail).to.contain('group.created');
    const ping = (await db()<{ id: string; subject_id: string; type: string }>('change_events')
      .where({ subject_id: id, type: 'webhook_endpoint.ping' })
      .first('id'))!;
    expect((await redeliver(id, ping.id)).body.code).to.equal('event_not_found');
  });

  it('answers a pending redelivery again rather than queueing another, and stops at five per event', async () => {
    const { id } = await registerEndpoint(request, world.admin, { url: 'https://a.partner.example/' });
    const eventId = await groupCreatedEvent();
    const first = await redeliver(id, eventId);
    expect(first.status).to.equal(200);
    const again = await redeliver(id, eventId);
    expect(again.body.id, 'the pending one').to.equal(first.body.id);
    const count = () =>
      db()('webhook_deliveries').where({ endpoint_id: id, event_id: eventId, redelivery: true }).count({ n: '*' });
    expect(await count()).to.deep.equal([{ n: 1 }]);

    for (let made = 1; made < MAX_REDELIVERIES; made++) {
      await db()('webhook_deliveries')
        .where({ endpoint_id: id, event_id: eventId, redelivery: true, status: 'pending' })
        .update({ status: 'succeeded', next_attempt_at: null });
      expect((await redeliver(id, eventId)).status).to.equal(200);
    }
    expect(await count()).to.deep.equal([{ n: MAX_REDELIVERIES }]);
    await db()('webhook_deliveries')
      .where({ endpoint_id: id, event_id: eventId, status: 'pending' })
      .update({ status: 'succeeded', next_attempt_at: null });
    const sixth = await redeliver(id, eventId);
    expect(sixth.status).to.equal(409);
    expect(sixth.body).to.include({ code: 'redelivery_limit_reached' });
    expect(await count()).to.deep.equal([{ n: MAX_REDELIVERIES }]);
  });

  it('allows an endpoint 100 redeliveries and test events an hour, then 429 with Retry-After', async () => {
    const { id } = await registerEndpoint(request, world.admin, { url: 'https://a.partner.example/' });
    const eventId = await groupCreatedEvent();
    // The hour's earlier asks, as the log holds them: 99 redeliveries (the creation's ping was dropped).
    const now = new Date();
    const earlier = Array.from({ length: HOURLY_REQUESTS - 1 }, (_, index) => ({
      id: `whd_hour${index}`,
      org_id: world.org.id,
      endpoint_id: id,
      event_id: eventId,
      redelivery: true,
      status: 'succeeded',
      attempts: 1,
      created_at: new Date(now.getTime() - 60_000),
    }));
    await db()('webhook_deliveries').insert(earlier);
    const hundredth = await request.post(`/api/v1/webhook-endpoints/${id}/test`).set(world.admin);
    expect(hundredth.status, hundredth.text).to.equal(200);
    const refused = await request.post(`/api/v1/webhook-endpoints/${id}/test`).set(world.admin);
    expect(refused.status).to.equal(429);
    expect(refused.body).to.include({ code: 'too_many_requests' });
    expect(refused.headers['retry-after']).to.equal('60');
    const refusedRedelivery = await redeliver(id, await groupCreatedEvent());
    expect(refusedRedelivery.status).to.equal(429);
    expect(refusedRedelivery.body).to.include({ code: 'too_many_requests' });
    // An hour later the budget is back.
    await db()('webhook_deliveries')
      .where({ endpoint_id: id })
      .update({ created_at: new Date(now.getTime() - 3600_000 - 1000) });
    await db()('change_events')
      .where({ subject_id: id, type: 'webhook_endpoint.ping' })
      .update({ created_at: new Date(now.getTime() - 3600_000 - 1000) });
    const nextHour = await request.post(`/api/v1/webhook-endpoints/${id}/test`).set(world.admin);
    expect(nextHour.status).to.equal(200);
    expect(nextHour.body).to.include({ endpoint_id: id, event_type: 'webhook_endpoint.ping', status: 'pending' });
  });
});
