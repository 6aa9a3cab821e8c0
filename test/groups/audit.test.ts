import { expect } from 'chai';
import { coachOfNewOrganization, createGroupVia, testApp, uniqueName } from '../support/world.js';

type Agent = ReturnType<typeof testApp>['request'];

interface AuditEvent {
  event_id: string;
  action: string;
  subject_user_id: string | null;
  request_id: string | null;
  created_at: string;
}

describe('audit log', () => {
  let request: Agent;
  let coach: { Authorization: string };
  let coachId: string;
  let athletes: string[];

  before(async () => {
    request = testApp().request;
    ({ coachId, coach, athletes } = await coachOfNewOrganization(5));
  });

  it('pages newest first through every event exactly once', async () => {
    const groupId = await createGroupVia(request, coach, {
      name: uniqueName('Paged'),
      user_id: coachId,
      members: athletes.slice(0, 3),
    });
    await request
      .put(`/api/v1/groups/${groupId}`)
      .set(coach)
      .send({ members: athletes.slice(2), privacy: 'private' });
    // created + 3 added; then updated + 2 added + 2 removed = 9 events
    const seen: AuditEvent[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const query: string = token ? `?page_size=4&page_token=${token}` : '?page_size=4';
      const response = await request.get(`/api/v1/groups/${groupId}/audit${query}`).set(coach);
      expect(response.status).to.equal(200);
      expect(response.body.count).to.equal(response.body.events.length);
      seen.push(...response.body.events);
      token = response.body.next_page_token;
      pages++;
    } while (token);
    expect(pages).to.equal(3);
    expect(seen).to.have.length(9);
    expect(new Set(seen.map((event) => event.event_id)).size).to.equal(9);
    for (const event of seen) expect(event.event_id).to.match(/^aud_[A-Za-z0-9_-]{22}$/);
    expect(seen.at(-1)!.action).to.equal('group.created');
    const times = seen.map((event) => Date.parse(event.created_at));
    expect(times).to.deep.equal([...times].sort((a, b) => b - a));
    expect(
      seen.filter((event) => event.action === 'member.removed').map((event) => event.subject_user_id),
    ).to.have.members(athletes.slice(0, 2));
  });

  it('answers 400 to a forged token and to a token issued for another group', async () => {
    const first = await createGroupVia(request, coach, {
      name: uniqueName('First'),
      user_id: coachId,
      members: athletes.slice(0, 3),
    });
    const second = await createGroupVia(request, coach, {
      name: uniqueName('Second'),
      user_id: coachId,
      members: athletes.slice(0, 3),
    });
    const page = await request.get(`/api/v1/groups/${first}/audit?page_size=1`).set(coach);
    const token: string = page.body.next_page_token;
    expect(token).to.be.a('string');

    const elsewhere = await request.get(`/api/v1/groups/${second}/audit?page_size=1&page_token=${token}`).set(coach);
    expect(elsewhere.status).to.equal(400);
    expect(elsewhere.body.errors).to.deep.equal([
      { path: '/query/page_token', message: 'is invalid or belongs to another request' },
    ]);

    const [payload, signature] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ seq: 1 })).toString('base64url');
    for (const forged of [
      `${forgedPayload}.${signature}`,
      `${payload}.${signature!.slice(0, -2)}AA`,
      'garbage',
      `${payload}`,
    ]) {
      const response = await request.get(`/api/v1/groups/${first}/audit?page_token=${forged}`).set(coach);
      expect(response.status, forged).to.equal(400);
      expect(response.body.code).to.equal('validation_error');
    }
  });

  it('quotes the request id of the change and the acting user', async () => {
    const groupId = await createGroupVia(request, coach, { name: uniqueName('Traced'), user_id: coachId });
    await request
      .put(`/api/v1/groups/${groupId}`)
      .set(coach)
      .set('X-Request-Id', 'trace-123')
      .send({ members: [athletes[4]] });
    const events = (await request.get(`/api/v1/groups/${groupId}/audit`).set(coach)).body.events;
    expect(events[0]).to.deep.include({
      action: 'member.added',
      subject_user_id: athletes[4],
      request_id: 'trace-123',
      actor_id: coachId,
      group_id: groupId,
      changes: null,
    });
  });
});
