import { expect } from 'chai';
import {
  bearer,
  createGroupVia,
  createOrganization,
  db,
  testApp,
  uniqueName,
  type TestOrganization,
} from '../support/world.js';

type Agent = ReturnType<typeof testApp>['request'];

describe('groups: create, get, update, delete', () => {
  let request: Agent;
  let org: TestOrganization;
  let coachId: string;
  let coach: { Authorization: string };
  let athletes: string[];

  before(async () => {
    request = testApp().request;
    org = await createOrganization();
    coachId = await org.addUser({ role: 'coach', name: 'Coach Casey' });
    coach = await bearer(coachId);
    athletes = [];
    for (let i = 0; i < 4; i++) athletes.push(await org.addUser({ role: 'athlete' }));
  });

  describe('POST /api/v1/groups', () => {
    it("creates the reference example and answers the reference's body", async () => {
      const name = uniqueName('Marathon Block A');
      const response = await request
        .post('/api/v1/groups')
        .set(coach)
        .send({ name, user_id: coachId, description: '12-week marathon training cohort', privacy: 'private' });
      expect(response.status).to.equal(200);
      expect(Object.keys(response.body)).to.have.members(['group_id', 'status']);
      expect(response.body.status).to.equal('success');
      expect(response.body.group_id).to.match(/^grp_[A-Za-z0-9_-]{22}$/);

      const group = await request.get(`/api/v1/groups/${response.body.group_id}`).set(coach);
      expect(group.status).to.equal(200);
      expect(group.body).to.deep.include({
        group_id: response.body.group_id,
        name,
        description: '12-week marathon training cohort',
        privacy: 'private',
        owner_id: coachId,
        organization_id: org.id,
        members: [],
        member_count: 0,
      });
      expect(group.body.created_at).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(group.body.updated_at).to.equal(group.body.created_at);
    });

    it('defaults privacy to public and description to null, and takes the organization from the caller', async () => {
      const groupId = await createGroupVia(request, coach, { name: uniqueName('Defaults'), user_id: coachId });
      const group = await request.get(`/api/v1/groups/${groupId}`).set(coach);
      expect(group.body).to.include({ privacy: 'public', description: null, organization_id: org.id });
    });

    it('accepts the caller’s own org_id and refuses another organization’s with 403', async () => {
      expect(
        (
          await request
            .post('/api/v1/groups')
            .set(coach)
            .send({ name: uniqueName('Own org'), user_id: coachId, org_id: org.id })
        ).status,
      ).to.equal(200);
      const other = await request
        .post('/api/v1/groups')
        .set(coach)
        .send({ name: uniqueName('Other org'), user_id: coachId, org_id: 'org_someone_else' });
      expect(other.status).to.equal(403);
      expect(other.body.code).to.equal('forbidden');
    });

    it('stores the name trimmed and NFC-normalized, and sorts initial members', async () => {
      const base = uniqueName('Cafe\u0301 Runners');
      const groupId = await createGroupVia(request, coach, {
        name: `  ${base}  `,
        user_id: coachId,
        members: [athletes[2], athletes[0]],
      });
      const group = await request.get(`/api/v1/groups/${groupId}`).set(coach);
      expect(group.body.name).to.equal(base.normalize('NFC'));
      expect(group.body.name).to.contain('Café');
      expect(group.body.members).to.deep.equal([athletes[0], athletes[2]].sort());
      expect(group.body.member_count).to.equal(2);
    });

    it('answers 409 group_name_taken for the same name in another case, spacing or Unicode form', async () => {
      const name = uniqueName('Café Tempo');
      await createGroupVia(request, coach, { name, user_id: coachId });
      for (const clash of [name.toUpperCase(), `  ${name} `, name.normalize('NFD')]) {
        const response = await request.post('/api/v1/groups').set(coach).send({ name: clash, user_id: coachId });
        expect(response.status).to.equal(409);
        expect(response.body).to.include({ code: 'group_name_taken', status: 409, title: 'Group name taken' });
      }
    });

    it('answers 400 for a blank name, duplicate members, unknown members and more than 1000 members', async () => {
      const blank = await request.post('/api/v1/groups').set(coach).send({ name: '   ', user_id: coachId });
      expect(blank.status).to.equal(400);
      expect(blank.body.errors[0].path).to.equal('/body/name');

      const duplicates = await request
        .post('/api/v1/groups')
        .set(coach)
        .send({ name: uniqueName('Dup'), user_id: coachId, members: [athletes[0], athletes[0]] });
      expect(duplicates.status).to.equal(400);
      expect(duplicates.body.errors[0].path).to.equal('/body/members');

      const unknown = await request
        .post('/api/v1/groups')
        .set(coach)
        .send({ name: uniqueName('Unknown'), user_id: coachId, members: [athletes[0], 'usr_ghost1', 'usr_ghost2'] });
      expect(unknown.status).to.equal(400);
      expect(unknown.body.detail).to.equal('Not active users of this organization: usr_ghost1, usr_ghost2.');
      expect(unknown.body.errors).to.deep.equal([
        { path: '/body/members', message: 'usr_ghost1 is not an active user of this organization' },
        { path: '/body/members', message: 'usr_ghost2 is not an active user of this organization' },
      ]);

      // 1000 unknown ids of 44 characters: the problem stays within its schema (detail ≤ 2000, errors ≤ 100).
      const ghosts = Array.from({ length: 1000 }, (_, i) => `usr_${String(i).padStart(40, 'g')}`);
      const manyUnknown = await request
        .post('/api/v1/groups')
        .set(coach)
        .send({ name: uniqueName('Ghosts'), user_id: coachId, members: ghosts });
      expect(manyUnknown.status).to.equal(400);
      expect(manyUnknown.body.detail).to.equal(
        `Not active users of this organization: ${ghosts.slice(0, 10).join(', ')} and 990 more.`,
      );
      expect(manyUnknown.body.errors).to.have.length(100);

      const tooMany = await request
        .post('/api/v1/groups')
        .set(coach)
        .send({
          name: uniqueName('Huge'),
          user_id: coachId,
          members: Array.from({ length: 1001 }, (_, i) => `usr_m${i}`),
        });
      expect(tooMany.status).to.equal(400);
      expect(tooMany.body.errors[0]).to.include({ path: '/body/members' });
    });

    it('answers 400 naming user_id when the owner is not an active user of the organization', async () => {
      const inactive = await org.addUser({ role: 'coach', status: 'inactive' });
      const foreign = await (await createOrganization()).addUser({ role: 'coach' });
      for (const ownerId of [inactive, foreign, 'usr_nobody']) {
        const response = await request
          .post('/api/v1/groups')
          .set(coach)
          .send({ name: uniqueName('Owner'), user_id: ownerId });
        expect(response.status).to.equal(400);
        expect(response.body.errors).to.deep.equal([
          { path: '/body/user_id', message: `${ownerId} is not an active user of this organization` },
        ]);
      }
    });

    it('records group.created and one member.added per initial member in the audit log', async () => {
      const groupId = await createGroupVia(request, coach, {
        name: uniqueName('Audited'),
        user_id: coachId,
        members: [athletes[1], athletes[0]],
      });
      const audit = await request.get(`/api/v1/groups/${groupId}/audit`).set(coach);
      const oldestFirst = [...audit.body.events].reverse();
      expect(
        oldestFirst.map((event: { action: string; subject_user_id: string | null }) => [
          event.action,
          event.subject_user_id,
        ]),
      ).to.deep.equal([
        ['group.created', null],
        ...[athletes[0], athletes[1]].sort().map((id) => ['member.added', id]),
      ]);
      expect(oldestFirst[0].changes).to.deep.include({ privacy: 'public', owner_id: coachId, description: null });
    });
  });

  describe('PUT /api/v1/groups/{group_id}', () => {
    it('applies the reference example: new description and the full member list, audit-logged', async () => {
      const groupId = await createGroupVia(request, coach, {
        name: uniqueName('Wave'),
        user_id: coachId,
        description: '12-week marathon training cohort',
        members: [athletes[0], athletes[1]],
      });
      const put = await request
        .put(`/api/v1/groups/${groupId}`)
        .set(coach)
        .set('X-Request-Id', 'put-wave-a')
        .send({ description: '12-week marathon training — wave A', members: [athletes[0], athletes[1], athletes[2]] });
      expect(put.status).to.equal(200);
      expect(put.body).to.deep.equal({ group_id: groupId, status: 'success' });

      const group = await request.get(`/api/v1/groups/${groupId}`).set(coach);
      expect(group.body.description).to.equal('12-week marathon training — wave A');
      expect(group.body.members).to.deep.equal([athletes[0], athletes[1], athletes[2]].sort());
      expect(Date.parse(group.body.updated_at)).to.be.at.least(Date.parse(group.body.created_at));

      const audit = await request.get(`/api/v1/groups/${groupId}/audit`).set(coach);
      const fromPut = audit.body.events.filter((event: { request_id: string }) => event.request_id === 'put-wave-a');
      expect(
        fromPut.map((event: { action: string; subject_user_id: string | null; changes: unknown; actor_id: string }) => [
          event.action,
          event.subject_user_id,
          event.changes,
          event.actor_id,
        ]),
      ).to.have.deep.members([
        [
          'group.updated',
          null,
          { description: { before: '12-week marathon training cohort', after: '12-week marathon training — wave A' } },
          coachId,
        ],
        ['member.added', athletes[2], null, coachId],
      ]);
    });

    it('leaves absent fields unchanged, clears description with null and removes members', async () => {
      const name = uniqueName('Partial');
      const groupId = await createGroupVia(request, coach, {
        name,
        user_id: coachId,
        description: 'keep?',
        privacy: 'private',
        members: [athletes[0], athletes[1]],
      });
      expect(
        (
          await request
            .put(`/api/v1/groups/${groupId}`)
            .set(coach)
            .send({ description: null, members: [athletes[1]] })
        ).status,
      ).to.equal(200);
      const group = await request.get(`/api/v1/groups/${groupId}`).set(coach);
      expect(group.body).to.deep.include({
        name,
        privacy: 'private',
        description: null,
        members: [athletes[1]],
        member_count: 1,
      });
      const audit = await request.get(`/api/v1/groups/${groupId}/audit?page_size=2`).set(coach);
      expect(
        audit.body.events.map((event: { action: string; subject_user_id: string | null }) => [
          event.action,
          event.subject_user_id,
        ]),
      ).to.have.deep.members([
        ['group.updated', null],
        ['member.removed', athletes[0]],
      ]);
    });

    it('renames, also to another case of its own name, and answers 409 on a clash with another group', async () => {
      const taken = uniqueName('Taken');
      await createGroupVia(request, coach, { name: taken, user_id: coachId });
      const name = uniqueName('Renamed');
      const groupId = await createGroupVia(request, coach, { name, user_id: coachId });
      expect(
        (await request.put(`/api/v1/groups/${groupId}`).set(coach).send({ name: name.toUpperCase() })).status,
      ).to.equal(200);
      expect((await request.get(`/api/v1/groups/${groupId}`).set(coach)).body.name).to.equal(name.toUpperCase());
      const clash = await request.put(`/api/v1/groups/${groupId}`).set(coach).send({ name: taken.toLowerCase() });
      expect(clash.status).to.equal(409);
      expect(clash.body.code).to.equal('group_name_taken');
      expect((await request.get(`/api/v1/groups/${groupId}`).set(coach)).body.name).to.equal(name.toUpperCase());
    });

    it('answers 400 to an empty body, an unknown field and unknown members, and changes nothing', async () => {
      const groupId = await createGroupVia(request, coach, {
        name: uniqueName('Strict'),
        user_id: coachId,
        members: [athletes[0]],
      });
      const empty = await request.put(`/api/v1/groups/${groupId}`).set(coach).send({});
      expect(empty.status).to.equal(400);
      const unknownField = await request.put(`/api/v1/groups/${groupId}`).set(coach).send({ owner_id: athletes[0] });
      expect(unknownField.status).to.equal(400);
      expect(unknownField.body.errors[0].path).to.equal('/body/owner_id');
      const unknownMember = await request
        .put(`/api/v1/groups/${groupId}`)
        .set(coach)
        .send({ description: 'x', members: [athletes[0], 'usr_ghost'] });
      expect(unknownMember.status).to.equal(400);
      expect(unknownMember.body.errors).to.deep.equal([
        { path: '/body/members', message: 'usr_ghost is not an active user of this organization' },
      ]);
      const group = await request.get(`/api/v1/groups/${groupId}`).set(coach);
      expect(group.body).to.include({ description: null });
      expect(group.body.members).to.deep.equal([athletes[0]]);
    });

    it('keeps a member whose user became inactive when the list still names them', async () => {
      const leaving = await org.addUser({ role: 'athlete' });
      const groupId = await createGroupVia(request, coach, {
        name: uniqueName('Inactive'),
        user_id: coachId,
        members: [leaving, athletes[0]],
      });
      await db()('users').where({ id: leaving }).update({ status: 'inactive' });
      expect(
        (
          await request
            .put(`/api/v1/groups/${groupId}`)
            .set(coach)
            .send({ members: [leaving, athletes[0], athletes[1]] })
        ).status,
      ).to.equal(200);
      expect((await request.get(`/api/v1/groups/${groupId}`).set(coach)).body.members).to.deep.equal(
        [leaving, athletes[0], athletes[1]].sort(),
      );
    });

    it('writes no audit event for an update that changes nothing', async () => {
      const name = uniqueName('Same');
      const groupId = await createGroupVia(request, coach, { name, user_id: coachId, members: [athletes[0]] });
      expect(
        (
          await request
            .put(`/api/v1/groups/${groupId}`)
            .set(coach)
            .send({ name, members: [athletes[0]], privacy: 'public' })
        ).status,
      ).to.equal(200);
      const audit = await request.get(`/api/v1/groups/${groupId}/audit`).set(coach);
      expect(audit.body.events.map((event: { action: string }) => event.action)).to.deep.equal([
        'member.added',
        'group.created',
      ]);
    });
  });

  describe('DELETE /api/v1/groups/{group_id}', () => {
    it('deletes the group and its memberships, keeps an audit snapshot, and then answers 404', async () => {
      const name = uniqueName('Doomed');
      const groupId = await createGroupVia(request, coach, {
        name,
        user_id: coachId,
        members: [athletes[1], athletes[0]],
      });
      const response = await request.delete(`/api/v1/groups/${groupId}`).set(coach);
      expect(response.status).to.equal(200);
      expect(response.body).to.deep.equal({ group_id: groupId, status: 'success' });

      const gone = await request.get(`/api/v1/groups/${groupId}`).set(coach);
      expect(gone.status).to.equal(404);
      expect(gone.body).to.include({ code: 'group_not_found', detail: `No group ${groupId} exists.` });
      const again = await request.delete(`/api/v1/groups/${groupId}`).set(coach);
      expect(again.status).to.equal(404);
      expect(again.body.code).to.equal('group_not_found');
      expect(await db()('group_members').where({ group_id: groupId })).to.have.length(0);

      const audit = await request.get(`/api/v1/groups/${groupId}/audit`).set(coach);
      expect(audit.status).to.equal(200);
      expect(audit.body.events[0]).to.deep.include({
        action: 'group.deleted',
        actor_id: coachId,
        changes: { name, members: [athletes[0], athletes[1]].sort() },
      });

      // The name is free again: a new group takes it.
      const successor = await request.post('/api/v1/groups').set(coach).send({ name, user_id: coachId });
      expect(successor.status).to.equal(200);
      expect(successor.body.group_id).to.not.equal(groupId);
      expect((await request.get(`/api/v1/groups/${successor.body.group_id}`).set(coach)).body.name).to.equal(name);
    });
  });

  describe('tenancy', () => {
    it("answers another organization's group exactly like a missing one", async () => {
      const groupId = await createGroupVia(request, coach, { name: uniqueName('Ours'), user_id: coachId });
      const outsider = await bearer(await (await createOrganization()).addUser({ role: 'admin' }));
      const theirs = await request.get(`/api/v1/groups/${groupId}`).set(outsider);
      const missing = await request.get('/api/v1/groups/grp_doesnotexist0000000000').set(outsider);
      expect(theirs.status).to.equal(404);
      expect(missing.status).to.equal(404);
      const shape = (body: Record<string, unknown>) => ({
        ...body,
        detail: undefined,
        instance: undefined,
        request_id: undefined,
      });
      expect(shape(theirs.body)).to.deep.equal(shape(missing.body));
      for (const call of [
        request.put(`/api/v1/groups/${groupId}`).set(outsider).send({ description: 'hijack' }),
        request.delete(`/api/v1/groups/${groupId}`).set(outsider),
        request.get(`/api/v1/groups/${groupId}/audit`).set(outsider),
      ]) {
        expect((await call).status).to.equal(404);
      }
      expect((await request.get(`/api/v1/groups/${groupId}`).set(coach)).body.description).to.equal(null);
    });
  });
});
