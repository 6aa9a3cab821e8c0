// The SDK's webhooks: an admin manages endpoints with typed methods on a live server, and a
// receiver's `verifyWebhook` returns the typed event of a delivery the dispatcher signed, or
// throws a WebhookVerificationError that says why (bad signature, stale timestamp, unknown type,
// missing headers), taking Node's and fetch's headers alike and several secrets mid-rotation.
import { expect } from 'chai';
import { Webhook } from 'standardwebhooks';
import {
  createGroupsClient,
  GroupsApiError,
  verifyWebhook,
  WebhookVerificationError,
  type GroupsClient,
} from '../../sdk/src/index.js';
import type { RunningServer } from '../../src/server.js';
import { deadlineFor, pollUntil } from '../support/deadlines.js';
import { liveServer } from '../support/live-server.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';
import { tokenFor, uniqueName } from '../support/world.js';
import { cleanUpWebhooks, testDispatcher, webhookOrganization, type WebhookOrganization } from '../webhooks/support.js';

const secretOf = (text: string) => `whsec_${Buffer.from(text.padEnd(32, '.')).toString('base64')}`;

function reasonOf(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.reason;
    throw error;
  }
  throw new Error('verifyWebhook did not throw');
}

describe('SDK: webhook endpoints and verifyWebhook', function () {
  this.timeout(60_000);
  let running: RunningServer;
  let world: WebhookOrganization;
  let admin: GroupsClient;
  let coach: GroupsClient;
  let receiver: Receiver;

  before(async () => {
    await cleanUpWebhooks();
    running = await liveServer({ webhookAllowLoopback: true });
    world = await webhookOrganization();
    admin = createGroupsClient({ baseUrl: running.url, token: await tokenFor(world.adminId) });
    coach = createGroupsClient({ baseUrl: running.url, token: await tokenFor(world.coachId) });
  });

  after(async () => {
    await cleanUpWebhooks();
    await receiver?.close();
    await running?.stop();
  });

  it('manages an endpoint, and verifies what the dispatcher sends to it', async () => {
    receiver = await startReceiver();
    const { endpoint, secret } = await admin.createWebhookEndpoint({
      url: `${receiver.url}/hooks`,
      event_types: ['group.created'],
    });
    expect((await admin.listWebhookEndpoints()).endpoints.map((listed) => listed.id)).to.deep.equal([endpoint.id]);
    const updated = await admin.updateWebhookEndpoint(endpoint.id, { description: 'Training plans' });
    expect(updated.description).to.equal('Training plans');
    const refused = await coach.getWebhookEndpoint(endpoint.id).catch((error: unknown) => error);
    expect(refused).to.be.instanceOf(GroupsApiError).with.property('code', 'forbidden');

    const created = await coach.createGroup({ name: uniqueName('SDK hooks'), user_id: world.coachId });
    testDispatcher();
    // The ping a new endpoint gets, whatever it subscribes to, and the group's creation.
    await pollUntil('the receiver got both', deadlineFor(2000), async () => receiver.received.length === 2);
    const verified = receiver.received.map((received) => verifyWebhook(received.body, received.headers, secret));
    expect(verified.map((item) => item.type).sort()).to.deep.equal(['group.created', 'webhook_endpoint.ping']);
    const ping = verified.find((item) => item.type === 'webhook_endpoint.ping');
    if (ping?.type !== 'webhook_endpoint.ping') throw new Error('no ping');
    expect(ping).to.deep.include({
      endpoint_id: endpoint.id,
      data: { url: `${receiver.url}/hooks`, reason: 'created' },
    });
    const { body, headers } = receiver.received.find((received) => received.body.includes('"group.created"'))!;
    const event = verifyWebhook(body, headers, secret);
    if (event.type !== 'group.created') throw new Error(`narrowing by type: ${event.type}`);
    expect(event.group_id).to.equal(created.group_id);
    expect(event.data.owner_id).to.equal(world.coachId);
    const fetchHeaders = new Headers(Object.entries(headers).map(([name, value]) => [name, String(value)]));
    expect(verifyWebhook(Buffer.from(body), fetchHeaders, [secretOf('an older secret'), secret])).to.deep.equal(event);

    const deliveries: string[] = [];
    await pollUntil('the delivery is recorded', deadlineFor(2000), async () => {
      deliveries.splice(0);
      for await (const delivery of admin.iterateWebhookDeliveries(endpoint.id))
        if (delivery.status === 'succeeded') deliveries.push(delivery.event_id);
      return deliveries.length === 2;
    });
    expect(deliveries.sort()).to.deep.equal([event.id, ping.id].sort());
    const test = await admin.sendWebhookTestEvent(endpoint.id);
    expect(test).to.include({ endpoint_id: endpoint.id, event_type: 'webhook_endpoint.ping', status: 'pending' });
    const again = await admin.redeliverWebhookEvent(endpoint.id, { event_id: event.id });
    expect(again).to.include({ event_id: event.id, redelivery: true });
    const rotation = await admin.rotateWebhookEndpointSecret(endpoint.id);
    expect(rotation.secret).to.match(/^whsec_/);
    expect(await admin.deleteWebhookEndpoint(endpoint.id)).to.deep.equal({ id: endpoint.id, deleted: true });
    const gone = await admin.getWebhookEndpoint(endpoint.id).catch((error: unknown) => error);
    expect(gone).to.be.instanceOf(GroupsApiError).with.property('code', 'webhook_endpoint_not_found');
  });

  it('says why a request does not verify', () => {
    const secret = secretOf('the receiver secret');
    const event = {
      id: 'evt_test',
      type: 'group.deleted',
      created_at: '2026-12-04T10:00:00.000Z',
      org_id: 'org_x',
      group_id: 'grp_x',
      sequence: 3,
      data: { name: 'x', members: [], actor_id: 'usr_x', audit_event_ids: ['aud_x'] },
    };
    const sign = (body: string, at = new Date(), withSecret = secret, id = 'evt_test') => ({
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(withSecret).sign(id, at, body),
    });
    const body = JSON.stringify(event);
    expect(verifyWebhook(body, sign(body), secret)).to.deep.equal(event);

    expect(reasonOf(() => verifyWebhook(body, sign(body, new Date(), secretOf('someone else')), secret))).to.equal(
      'bad_signature',
    );
    expect(
      reasonOf(() => verifyWebhook(`${body} `, sign(body), secret)),
      'a changed body',
    ).to.equal('bad_signature');
    expect(reasonOf(() => verifyWebhook(body, { ...sign(body), 'webhook-id': 'evt_other' }, secret))).to.equal(
      'bad_signature',
    );
    expect(reasonOf(() => verifyWebhook(body, sign(body, new Date(Date.now() - 6 * 60_000)), secret))).to.equal(
      'stale_timestamp',
    );
    // A forgery is a forgery, however old its timestamp.
    expect(
      reasonOf(() =>
        verifyWebhook(body, sign(body, new Date(Date.now() - 60 * 60_000), secretOf('someone else')), secret),
      ),
    ).to.equal('bad_signature');
    // A broken secret among good ones does not hide the one that matches.
    expect(verifyWebhook(body, sign(body), ['not base64 at all!', secret])).to.deep.equal(event);
    expect(() => verifyWebhook(body, sign(body), [])).to.throw(TypeError);
    expect(reasonOf(() => verifyWebhook(body, sign(body, new Date(Date.now() + 6 * 60_000)), secret))).to.equal(
      'stale_timestamp',
    );
    const { 'webhook-signature': _dropped, ...unsigned } = sign(body);
    expect(reasonOf(() => verifyWebhook(body, unsigned, secret))).to.equal('missing_headers');
    const future = JSON.stringify({ ...event, type: 'group.archived' });
    const unknown = (() => {
      try {
        verifyWebhook(future, sign(future), secret);
      } catch (error) {
        return error as WebhookVerificationError;
      }
      throw new Error('verifyWebhook did not throw');
    })();
    expect(unknown.reason).to.equal('unknown_type');
    expect(unknown.event).to.deep.equal({ ...event, type: 'group.archived' });
    expect(reasonOf(() => verifyWebhook('not json', sign('not json'), secret))).to.equal('malformed_payload');
  });
});
