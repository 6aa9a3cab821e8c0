// What a PUT writes, found missing by mutation testing: each kind of change on its own moves
// updated_at and writes exactly its audit events (with the before/after record), in order;
// a PUT that changes nothing moves nothing.
import { expect } from 'chai';
import { bearer, createGroupVia, createOrganization, testApp, uniqueName } from '../support/world.js';

type Agent = ReturnType<typeof testApp>['request'];

interface AuditEvent {
  action: string;
  subject_user_id: string | null;
  changes: unknown;
  request_id: string;
}

describe('PUT /api/v1/groups/{group_id}: what each change writes', () => {
  let clock = new Date('2025-03-01T08:00:00Z');
  let request: Agent;
  let coachId: string;
  let coach: { Authorization: string };
  /** Four athletes, sorted by id. */
  let athletes: [string, string, string, string];

  before(async () => {
    request = testApp({ clock: () => clock }).request;
    const org = await createOrganization();
    coachId = await org.addUser({ role: 'coach' });
    coach = await bearer(coachId);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await org.addUser({ role: 'athlete' }));
    athletes = ids.sort() as typeof athletes;
  });

  const at = (iso: string) => {
    clock = new Date(iso);
  };

  async function put(groupId: string, requestId: string, body: Record<string, unknown>) {
    const response = await request
      .put(`/api/v1/groups/${groupId}`)
      .set(coach)
      .set('X-Request-Id', requestId)
      .send(body);
    expect(response.status, response.text).to.equal(200);
  }

  async function groupOf(groupId: string) {
    const response = await request.get(`/api/v1/groups/${groupId}`).set(coach);
    expect(response.status).to.equal(200);
    return response.body as {
      name: string;
      privacy: string;
      members: string[];
      updated_at: string;
      created_at: string;
    };
  }

  /** The audit events one request wrote, newest first, as (action, subject, changes). */
  async function eventsOf(groupId: string, requestId: string) {
    const response = await request.get(`/api/v1/groups/${groupId}/audit?page_size=100`).set(coach);
    expect(response.status).to.equal(200);
    return (response.body.events as AuditEvent[])
      .filter((event) => event.request_id === requestId)
      .map((event) => [event.action, event.subject_user_id, event.changes]);
  }

  it('removes members with a PUT that only removes, moving updated_at and auditing each removal', async () => {
    const [a, b, c] = athletes;
    at('2025-03-01T08:00:00Z');
    const groupId = await createGroupVia(request, coach, {
      name: uniqueName('Shrink'),
      user_id: coachId,
      members: [a, b, c],
    });

    at('2025-03-02T09:30:00Z');
    await put(groupId, 'shrink-1', { members: [b] });

    const group = await groupOf(groupId);
    expect(group.members).to.deep.equal([b]);
    expect(group.updated_at).to.equal('2025-03-02T09:30:00.000Z');
    expect(group.created_at).to.equal('2025-03-01T08:00:00.000Z');
    // Newest first: the removals were written in member order, a before c.
    expect(await eventsOf(groupId, 'shrink-1')).to.deep.equal([
      ['member.removed', c, null],
      ['member.removed', a, null],
    ]);
  });

  it('adds members with a PUT that only adds, in user id order', async () => {
    const [a, b, c, d] = athletes;
    at('2025-03-01T08:00:00Z');
    const groupId = await createGroupVia(request, coach, { name: uniqueName('Grow'), user_id: coachId, members: [b] });

    at('2025-03-03T10:00:00Z');
    await put(groupId, 'grow-1', { members: [d, b, a, c] });

    const group = await groupOf(groupId);
    expect(group.members).to.deep.equal([a, b, c, d]);
    expect(group.updated_at).to.equal('2025-03-03T10:00:00.000Z');
    // Written a, c, d (sorted, not in the order the request named them); read newest first.
    expect(await eventsOf(groupId, 'grow-1')).to.deep.equal([
      ['member.added', d, null],
      ['member.added', c, null],
      ['member.added', a, null],
    ]);
  });

  it('audits the initial members of a new group in user id order, after group.created', async () => {
    const [a, b, c] = athletes;
    const name = uniqueName('Ordered');
    const response = await request
      .post('/api/v1/groups')
      .set(coach)
      .set('X-Request-Id', 'create-ordered')
      .send({ name, user_id: coachId, members: [b, c, a] });
    expect(response.status).to.equal(200);
    const events = await eventsOf(response.body.group_id, 'create-ordered');
    expect(events.map(([action, subject]) => [action, subject])).to.deep.equal([
      ['member.added', c],
      ['member.added', b],
      ['member.added', a],
      ['group.created', null],
    ]);
  });

  it('records a rename as {name: {before, after}} and moves updated_at', async () => {
    at('2025-03-01T08:00:00Z');
    const before = uniqueName('Old name');
    const groupId = await createGroupVia(request, coach, { name: before, user_id: coachId });
    const after = uniqueName('New name');

    at('2025-03-04T11:00:00Z');
    await put(groupId, 'rename-1', { name: `  ${after}  ` });

    const group = await groupOf(groupId);
    expect(group.name).to.equal(after);
    expect(group.updated_at).to.equal('2025-03-04T11:00:00.000Z');
    expect(await eventsOf(groupId, 'rename-1')).to.deep.equal([['group.updated', null, { name: { before, after } }]]);
  });

  it('records a privacy change as {privacy: {before, after}}, with a rename in the same event', async () => {
    at('2025-03-01T08:00:00Z');
    const before = uniqueName('Public');
    const groupId = await createGroupVia(request, coach, { name: before, user_id: coachId, privacy: 'public' });

    at('2025-03-05T12:00:00Z');
    await put(groupId, 'private-1', { privacy: 'private' });
    expect((await groupOf(groupId)).privacy).to.equal('private');
    expect((await groupOf(groupId)).updated_at).to.equal('2025-03-05T12:00:00.000Z');
    expect(await eventsOf(groupId, 'private-1')).to.deep.equal([
      ['group.updated', null, { privacy: { before: 'public', after: 'private' } }],
    ]);

    const after = uniqueName('Renamed');
    at('2025-03-06T12:00:00Z');
    await put(groupId, 'both-1', { name: after, privacy: 'public' });
    expect(await eventsOf(groupId, 'both-1')).to.deep.equal([
      ['group.updated', null, { name: { before, after }, privacy: { before: 'private', after: 'public' } }],
    ]);
  });

  it('moves neither updated_at nor the audit trail for a PUT that changes nothing', async () => {
    const [a, b] = athletes;
    at('2025-03-01T08:00:00Z');
    const name = uniqueName('Still');
    const groupId = await createGroupVia(request, coach, {
      name,
      user_id: coachId,
      description: 'same',
      privacy: 'private',
      members: [a, b],
    });

    at('2025-03-07T08:00:00Z');
    await put(groupId, 'noop-1', { name, description: 'same', privacy: 'private', members: [b, a] });
    await put(groupId, 'noop-2', { members: [a, b] });

    const group = await groupOf(groupId);
    expect(group.updated_at).to.equal('2025-03-01T08:00:00.000Z');
    expect(group.members).to.deep.equal([a, b]);
    expect(await eventsOf(groupId, 'noop-1')).to.deep.equal([]);
    expect(await eventsOf(groupId, 'noop-2')).to.deep.equal([]);
  });
});
