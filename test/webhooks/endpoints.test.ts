// The webhook endpoints API: registering (secret shown once), reading, changing, disabling,
// rotating, deleting, the organization's limit, redelivery's refusals, and the address check
// at registration that keeps endpoints off loopback, private, link-local and metadata targets.
import { expect } from 'chai';
import { createHandlers } from '../../src/http/handlers/index.js';
import { createGroupVia, db, handlerDependencies, testApp, uniqueName } from '../support/world.js';
import {
  cleanUpWebhooks,
  registerEndpoint,
  webhookOrganization,
  type Agent,
  type WebhookOrganization,
} from './support.js';

describe('webhook endpoints API', () => {
  let request: Agent;
  let world: WebhookOrganization;

  before(() => cleanUpWebhooks());

  beforeEach(async () => {
    request = testApp().request;
    world = await webhookOrganization();
  });

  afterEach(() => cleanUpWebhooks());

  it('registers an endpoint, shows its secret once, and reads, changes and deletes it', async () => {
    const created = await request
      .post('/api/v1/webhook-endpoints')
      .set(world.admin)
      .send({
        url: 'https://hooks.partner.example/groups',
        event_types: ['group.members_changed', 'group.created'],
        description: 'Training plans',
      });
    expect(created.status, created.text).to.equal(200);
    const { endpoint, secret } = created.body as { endpoint: Record<string, unknown>; secret: string };
    expect(secret).to.match(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(endpoint).to.include({
      url: 'https://hooks.partner.example/groups',
      description: 'Training plans',
      status: 'enabled',
      disabled_reason: null,
      previous_secret_expires_at: null,
      last_success_at: null,
      last_failure_at: null,
    });
    // Types come back in the spec's order, whatever order they were given in.
    expect(endpoint.event_types).to.deep.equal(['group.created', 'group.members_changed']);
    const id = endpoint.id as string;
    expect(id).to.match(/^whe_/);

    const read = await request.get(`/api/v1/webhook-endpoints/${id}`).set(world.admin);
    expect(read.body).to.deep.equal(endpoint);
    const listed = await request.get('/api/v1/webhook-endpoints').set(world.admin);
    expect(listed.body).to.deep.equal({ endpoints: [endpoint] });
    expect(JSON.stringify([read.body, listed.body])).to.not.contain(secret.slice(6));

    const updated = await request
      .put(`/api/v1/webhook-endpoints/${id}`)
      .set(world.admin)
      .send({ event_types: null, description: null, status: 'disabled' });
    expect(updated.status, updated.text).to.equal(200);
    expect(updated.body).to.include({
      url: 'https://hooks.partner.example/groups',
      event_types: null,
      description: null,
      status: 'disabled',
      disabled_reason: 'disabled_by_admin',
    });
    expect(Date.parse(updated.body.updated_at)).to.be.at.least(Date.parse(endpoint.updated_at as string));
    expect((await request.get(`/api/v1/webhook-endpoints/${id}`).set(world.admin)).body).to.deep.equal(updated.body);

    const deleted = await request.delete(`/api/v1/webhook-endpoints/${id}`).set(world.admin);
    expect(deleted.body).to.deep.equal({ id, deleted: true });
    const gone = await request.get(`/api/v1/webhook-endpoints/${id}`).set(world.admin);
    expect(gone.status).to.equal(404);
    expect(gone.body).to.include({ code: 'webhook_endpoint_not_found', detail: `No webhook endpoint ${id} exists.` });
    const deletedAgain = await request.delete(`/api/v1/webhook-endpoints/${id}`).set(world.admin);
    expect(deletedAgain.status).to.equal(404);
    expect(deletedAgain.body.code).to.equal('webhook_endpoint_not_found');
  });

  it('queues a delivery per subscribed endpoint in the change itself, and none for a disabled one', async () => {
    const all = await registerEndpoint(request, world.admin, { url: 'https://a.partner.example/' });
    const deletes = await registerEndpoint(request, world.admin, {
      url: 'https://b.partner.example/',
      event_types: ['group.deleted'],
    });
    const off = await registerEndpoint(request, world.admin, { url: 'https://c.partner.example/' });
    await request.put(`/api/v1/webhook-endpoints/${off.id}`).set(world.admin).send({ status: 'disabled' });
    const groupId = await createGroupVia(request, world.coach, { name: uniqueName('Queued'), user_id: world.coachId });
    await request.delete(`/api/v1/groups/${groupId}`).set(world.coach);

    const queued = async (endpointId: string) =>
      (
        (await request.get(`/api/v1/webhook-endpoints/${endpointId}/deliveries`).set(world.admin)).body.deliveries as {
          event_type: string;
          status: string;
          attempts: number;
        }[]
      ).map((delivery) => delivery.event_type);
    expect(await queued(all.id)).to.deep.equal(['group.deleted', 'group.created']);
    expect(await queued(deletes.id)).to.deep.equal(['group.deleted']);
    expect(await queued(off.id)).to.deep.equal([]);
  });

  it('pages the delivery log newest first with a token bound to the endpoint', async () => {
    const { id } = await registerEndpoint(request, world.admin, { url: 'https://a.partner.example/' });
    for (let index = 0; index < 5; index++)
      await createGroupVia(request, world.coach, { name: uniqueName('Paged'), user_id: world.coachId });
    const seen: string[] = [];
    let token: string | null = null;
    do {
      const page = await request
        .get(`/api/v1/webhook-endpoints/${id}/deliveries?page_size=2${token ? `&page_token=${token}` : ''}`)
        .set(world.admin);
      expect(page.status, page.text).to.equal(200);
      expect(page.body.count).to.equal(page.body.deliveries.length);
      seen.push(...(page.body.deliveries as { id: string }[]).map((delivery) => delivery.id));
      token = page.body.next_page_token as string | null;
    } while (token);
    const stored = (await db()('webhook_deliveries')
      .where({ endpoint_id: id })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .pluck('id')) as string[];
    expect(seen).to.deep.equal(stored);
    expect(seen).to.have.length(5);

    const other = await registerEndpoint(request, world.admin, { url: 'https://b.partner.example/' });
    const first = await request.get(`/api/v1/webhook-endpoints/${id}/deliveries?page_size=2`).set(world.admin);
    const foreign = await request
      .get(`/api/v1/webhook-endpoints/${other.id}/deliveries?page_token=${first.body.next_page_token}`)
      .set(world.admin);
    expect(foreign.status).to.equal(400);
  });

  it('shows when a rotated-out secret stops signing, and nothing once it has', async () => {
    const { id } = await registerEndpoint(request, world.admin, { url: 'https://a.partner.example/' });
    const rotated = await request.post(`/api/v1/webhook-endpoints/${id}/rotate-secret`).set(world.admin);
    const read = await request.get(`/api/v1/webhook-endpoints/${id}`).set(world.admin);
    expect(read.body.previous_secret_expires_at).to.equal(rotated.body.previous_secret_expires_at);
    const dayLater = testApp({ clock: () => new Date(Date.now() + 24 * 3600_000 + 60_000) });
    const later = await dayLater.request.get(`/api/v1/webhook-endpoints/${id}`).set(world.admin);
    expect(later.body.previous_secret_expires_at).to.equal(null);
  });

  it('keeps a secret out of the message of a failed statement (what the error log would show)', async () => {
    const secret = 'whsec_c2VjcmV0IHRoYXQgbXVzdCBub3QgYmUgbG9nZ2Vk';
    const failed = await db()('webhook_endpoints')
      .insert({
        id: 'whe_log_check',
        org_id: 'org_that_does_not_exist',
        url: 'https://a.partner.example/',
        status: 'enabled',
        secret,
        created_at: new Date(),
        updated_at: new Date(),
      })
      .then(
        () => undefined,
        (error: Error) => error,
      );
    expect(failed, 'the foreign key refuses the row').to.be.instanceOf(Error);
    expect(failed!.message).to.not.contain(secret);
  });

  it('holds an organization to 16 endpoints', async () => {
    for (let index = 0; index < 16; index++)
      await registerEndpoint(request, world.admin, { url: `https://hooks${index}.partner.example/` });
    const refused = await request
      .post('/api/v1/webhook-endpoints')
      .set(world.admin)
      .send({ url: 'https://one-more.partner.example/' });
    expect(refused.status).to.equal(409);
    expect(refused.body.code).to.equal('webhook_endpoint_limit_reached');
    expect(await db()('webhook_endpoints').where({ org_id: world.org.id }).count({ n: '*' })).to.deep.equal([
      { n: 16 },
    ]);
  });

  it('refuses to redeliver to a disabled endpoint or an event that is not the organization’s', async () => {
    const { id } = await registerEndpoint(request, world.admin, { url: 'https://a.partner.example/' });
    const redeliver = (eventId: string) =>
      request.post(`/api/v1/webhook-endpoints/${id}/deliveries`).set(world.admin).send({ event_id: eventId });
    const unknown = await redeliver('evt_not_there');
    expect(unknown.status).to.equal(404);
    expect(unknown.body.code).to.equal('event_not_found');

    const neighbour = await webhookOrganization();
    await createGroupVia(request, neighbour.coach, { name: uniqueName('Theirs'), user_id: neighbour.coachId });
    const theirs = (await db()<{ id: string; org_id: string }>('change_events')
      .where({ org_id: neighbour.org.id })
      .first('id'))!;
    expect((await redeliver(theirs.id)).body.code).to.equal('event_not_found');

    await createGroupVia(request, world.coach, { name: uniqueName('Ours'), user_id: world.coachId });
    const ours = (await db()<{ id: string; org_id: string }>('change_events')
      .where({ org_id: world.org.id })
      .first('id'))!;
    await request.put(`/api/v1/webhook-endpoints/${id}`).set(world.admin).send({ status: 'disabled' });
    const disabled = await redeliver(ours.id);
    expect(disabled.status).to.equal(409);
    expect(disabled.body.code).to.equal('webhook_endpoint_disabled');
  });

  describe('safe targets at registration', () => {
    const refusedUrls = [
      ['http://hooks.partner.example/', 'must be an https URL'],
      ['ftp://hooks.partner.example/', 'must be an https URL'],
      ['https://user:pass@hooks.partner.example/', 'must not carry a user name or password'],
      ['https://10.1.2.3/', 'non-public'],
      ['https://172.16.0.1/', 'non-public'],
      ['https://192.168.1.10:8443/', 'non-public'],
      ['https://169.254.169.254/latest/meta-data/', 'non-public'],
      ['https://100.100.100.200/', 'non-public'],
      ['https://0.0.0.0/', 'non-public'],
      ['https://[fd00:ec2::254]/', 'non-public'],
      ['https://[fe80::1]/', 'non-public'],
      ['https://[::ffff:10.0.0.1]/', 'non-public'],
      ['https://[::127.0.0.1]/', 'non-public'],
      ['https://[::169.254.169.254]/', 'non-public'],
      ['https://224.0.0.1/', 'non-public'],
    ] as const;
    for (const [url, message] of refusedUrls)
      it(`refuses ${url}`, async () => {
        const answer = await request.post('/api/v1/webhook-endpoints').set(world.admin).send({ url });
        expect(answer.status, answer.text).to.equal(400);
        expect(answer.body.code).to.equal('validation_error');
        expect(answer.body.errors).to.have.length(1);
        expect(answer.body.errors[0].path).to.equal('/body/url');
        expect(answer.body.errors[0].message).to.contain(message);
      });

    it('refuses a name that resolves to a private address, and one of several addresses is enough', async () => {
      for (const addresses of [['10.0.0.8'], ['93.184.216.34', '192.168.0.5'], ['fd12::1']]) {
        const app = testApp({
          handlers: createHandlers({ ...handlerDependencies(), resolveHost: async () => addresses }),
        });
        const answer = await app.request
          .post('/api/v1/webhook-endpoints')
          .set(world.admin)
          .send({ url: 'https://internal.partner.example/' });
        expect(answer.status, `${addresses.join(',')}: ${answer.text}`).to.equal(400);
        expect(answer.body.errors[0].message).to.contain('must not resolve to');
      }
      const publicOnly = testApp({
        handlers: createHandlers({ ...handlerDependencies(), resolveHost: async () => ['93.184.216.34'] }),
      });
      const accepted = await publicOnly.request
        .post('/api/v1/webhook-endpoints')
        .set(world.admin)
        .send({ url: 'https://public.partner.example/' });
      expect(accepted.status).to.equal(200);
    });

    it('refuses loopback, and http at all, unless loopback is allowed (never in production)', async () => {
      const strict = testApp({
        handlers: createHandlers({ ...handlerDependencies(), webhookTargets: { allowLoopback: false } }),
      });
      // Spellings of 127.0.0.1 are loopback too (URLs normalize them).
      for (const url of [
        'http://127.0.0.1:9000/',
        'https://127.0.0.1/',
        'https://localhost/',
        'https://[::1]/',
        'https://0x7f.1/',
        'https://2130706433/',
      ]) {
        const answer = await strict.request.post('/api/v1/webhook-endpoints').set(world.admin).send({ url });
        expect(answer.status, url).to.equal(400);
      }
      const local = await strict.request
        .post('/api/v1/webhook-endpoints')
        .set(world.admin)
        .send({ url: 'http://localhost:9000/hooks' });
      expect(local.body.errors[0].message, 'the refusal says how to receive locally').to.contain(
        'npm run webhooks:listen',
      );
      for (const url of ['http://127.0.0.1:9000/', 'http://localhost:9000/hooks', 'http://[::1]:9000/'])
        expect((await request.post('/api/v1/webhook-endpoints').set(world.admin).send({ url })).status, url).to.equal(
          200,
        );
      const update = await strict.request
        .put(
          `/api/v1/webhook-endpoints/${(await registerEndpoint(request, world.admin, { url: 'https://a.partner.example/' })).id}`,
        )
        .set(world.admin)
        .send({ url: 'https://10.0.0.1/' });
      expect(update.status).to.equal(400);
      expect(update.body.errors[0].path).to.equal('/body/url');
    });
  });
});
