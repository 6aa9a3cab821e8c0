// The shared error answers every operation documents (400, 401, 500, 503), produced for each
// operation, so the spec coverage report can hold the suite to every documented pair.
import { expect } from 'chai';
import { createDatabase } from '../../src/data/database.js';
import type { OperationHandlers, OperationId } from '../../src/http/operations.js';
import { testDatabase } from '../support/hooks.js';
import { bearer, createGroupVia, createOrganization, testApp, uniqueName } from '../support/world.js';

type Agent = ReturnType<typeof testApp>['request'];
type Send = (request: Agent, groupId: string) => ReturnType<Agent['get']>;

const validRequests: Record<OperationId, Send> = {
  createGroup: (request) => request.post('/api/v1/groups').send({ name: uniqueName('Any'), user_id: 'usr_anyone' }),
  listGroups: (request) => request.get('/api/v1/groups'),
  getGroup: (request, groupId) => request.get(`/api/v1/groups/${groupId}`),
  updateGroup: (request, groupId) => request.put(`/api/v1/groups/${groupId}`).send({ description: 'x' }),
  deleteGroup: (request, groupId) => request.delete(`/api/v1/groups/${groupId}`),
  listGroupActivities: (request, groupId) => request.get(`/api/v1/groups/${groupId}/activities`),
  getGroupStats: (request, groupId) => request.get(`/api/v1/groups/${groupId}/stats`),
  listGroupAuditEvents: (request, groupId) => request.get(`/api/v1/groups/${groupId}/audit`),
  listEvents: (request) => request.get('/api/v1/events'),
  createWebhookEndpoint: (request) =>
    request.post('/api/v1/webhook-endpoints').send({ url: 'https://hooks.example.com/groups' }),
  listWebhookEndpoints: (request) => request.get('/api/v1/webhook-endpoints'),
  getWebhookEndpoint: (request) => request.get('/api/v1/webhook-endpoints/whe_missing'),
  updateWebhookEndpoint: (request) => request.put('/api/v1/webhook-endpoints/whe_missing').send({ description: 'x' }),
  deleteWebhookEndpoint: (request) => request.delete('/api/v1/webhook-endpoints/whe_missing'),
  rotateWebhookEndpointSecret: (request) => request.post('/api/v1/webhook-endpoints/whe_missing/rotate-secret'),
  listWebhookDeliveries: (request) => request.get('/api/v1/webhook-endpoints/whe_missing/deliveries'),
  redeliverWebhookEvent: (request) =>
    request.post('/api/v1/webhook-endpoints/whe_missing/deliveries').send({ event_id: 'evt_missing' }),
  sendWebhookTestEvent: (request) => request.post('/api/v1/webhook-endpoints/whe_missing/test'),
};

const invalidRequests: Record<OperationId, Send> = {
  createGroup: (request) => request.post('/api/v1/groups').send({ name: 'No owner' }),
  listGroups: (request) => request.get('/api/v1/groups?page_size=0'),
  getGroup: (request) => request.get('/api/v1/groups/not-a-group-id'),
  updateGroup: (request, groupId) => request.put(`/api/v1/groups/${groupId}`).send({ privacy: 'secret' }),
  deleteGroup: (request) => request.delete('/api/v1/groups/grp_has%20space'),
  listGroupActivities: (request, groupId) => request.get(`/api/v1/groups/${groupId}/activities?limit=1000`),
  getGroupStats: (request, groupId) => request.get(`/api/v1/groups/${groupId}/stats?range=1y`),
  listGroupAuditEvents: (request, groupId) => request.get(`/api/v1/groups/${groupId}/audit?page_token=not%20a%20token`),
  listEvents: (request) => request.get('/api/v1/events?types=group.renamed'),
  createWebhookEndpoint: (request) => request.post('/api/v1/webhook-endpoints').send({ description: 'no url' }),
  listWebhookEndpoints: (request) => request.get('/api/v1/webhook-endpoints?page_size=5'),
  getWebhookEndpoint: (request) => request.get('/api/v1/webhook-endpoints/not-an-endpoint'),
  updateWebhookEndpoint: (request) => request.put('/api/v1/webhook-endpoints/whe_missing').send({}),
  deleteWebhookEndpoint: (request) => request.delete('/api/v1/webhook-endpoints/whe_has%20space'),
  rotateWebhookEndpointSecret: (request) => request.post('/api/v1/webhook-endpoints/grp_wrong/rotate-secret'),
  listWebhookDeliveries: (request) => request.get('/api/v1/webhook-endpoints/whe_missing/deliveries?page_size=0'),
  redeliverWebhookEvent: (request) =>
    request.post('/api/v1/webhook-endpoints/whe_missing/deliveries').send({ event_id: 'not-an-event' }),
  sendWebhookTestEvent: (request) => request.post('/api/v1/webhook-endpoints/not-an-endpoint/test'),
};

const operations = Object.keys(validRequests) as OperationId[];

describe('shared error answers of every operation', () => {
  let auth: { Authorization: string };
  let groupId: string;

  before(async () => {
    const org = await createOrganization();
    const coachId = await org.addUser({ role: 'coach' });
    auth = await bearer(coachId);
    groupId = await createGroupVia(testApp().request, auth, { name: uniqueName('Errors'), user_id: coachId });
  });

  for (const operationId of operations) {
    it(`${operationId}: 400 validation_error, 401 unauthorized, 500 internal_error and 503 service_unavailable`, async () => {
      const { request } = testApp();
      const invalid = await invalidRequests[operationId](request, groupId).set(auth);
      expect(invalid.status).to.equal(400);
      expect(invalid.body.code).to.equal('validation_error');
      expect(invalid.body.errors).to.be.an('array').with.length.above(0);

      const anonymous = await validRequests[operationId](request, groupId);
      expect(anonymous.status).to.equal(401);
      expect(anonymous.body.code).to.equal('unauthorized');

      const failing = async () => {
        throw new Error('boom');
      };
      const broken = testApp({
        handlers: Object.fromEntries(operations.map((id) => [id, failing])) as unknown as OperationHandlers,
      }).request;
      const crashed = await validRequests[operationId](broken, groupId).set(auth);
      expect(crashed.status).to.equal(500);
      expect(crashed.body).to.include({ code: 'internal_error', detail: 'Something went wrong on our side.' });

      const downDb = createDatabase(testDatabase().options);
      await downDb.destroy();
      const unavailable = await validRequests[operationId](testApp({ db: downDb }).request, groupId).set(auth);
      expect(unavailable.status).to.equal(503);
      expect(unavailable.body.code).to.equal('service_unavailable');
    });
  }

  const groupOperations = operations.filter(
    (operationId) => !['createGroup', 'listGroups', 'listEvents'].includes(operationId) && !/Webhook/.test(operationId),
  );
  for (const operationId of groupOperations) {
    it(`${operationId}: 404 group_not_found for a group of another organization`, async () => {
      const outsider = await bearer(await (await createOrganization()).addUser({ role: 'admin' }));
      const response = await validRequests[operationId](testApp().request, groupId).set(outsider);
      expect(response.status).to.equal(404);
      expect(response.body).to.include({ code: 'group_not_found', detail: `No group ${groupId} exists.` });
    });
  }

  const withBodies = {
    createGroup: (agent: Agent) => agent.post('/api/v1/groups'),
    updateGroup: (agent: Agent) => agent.put(`/api/v1/groups/${groupId}`),
    createWebhookEndpoint: (agent: Agent) => agent.post('/api/v1/webhook-endpoints'),
    updateWebhookEndpoint: (agent: Agent) => agent.put('/api/v1/webhook-endpoints/whe_missing'),
    redeliverWebhookEvent: (agent: Agent) => agent.post('/api/v1/webhook-endpoints/whe_missing/deliveries'),
  };
  // What takes no body ignores one, but not one past the size limit.
  const withoutBodies = {
    rotateWebhookEndpointSecret: (agent: Agent) => agent.post('/api/v1/webhook-endpoints/whe_missing/rotate-secret'),
    sendWebhookTestEvent: (agent: Agent) => agent.post('/api/v1/webhook-endpoints/whe_missing/test'),
  };
  for (const [operationId, send] of Object.entries(withoutBodies)) {
    it(`${operationId}: 413 payload_too_large for a body past the limit, and a small one ignored`, async () => {
      const { request } = testApp();
      const large = await send(request)
        .set(auth)
        .send({ description: 'y'.repeat(300 * 1024) });
      expect(large.status).to.equal(413);
      expect(large.body.code).to.equal('payload_too_large');
      const small = await send(request).set(auth).set('Content-Type', 'text/plain').send('description=x');
      expect(small.body.code, 'the body ignored: the request reaches the admins-only check').to.equal('forbidden');
    });
  }
  for (const [operationId, send] of Object.entries(withBodies)) {
    it(`${operationId}: 413 payload_too_large and 415 unsupported_media_type`, async () => {
      const { request } = testApp();
      const large = await send(request)
        .set(auth)
        .send({ description: 'y'.repeat(70 * 1024) });
      expect(large.status).to.equal(413);
      expect(large.body.code).to.equal('payload_too_large');
      const text = await send(request).set(auth).set('Content-Type', 'text/plain').send('description=x');
      expect(text.status).to.equal(415);
      expect(text.body.code).to.equal('unsupported_media_type');
    });
  }
});
