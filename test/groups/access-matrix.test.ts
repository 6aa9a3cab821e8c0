// Every group operation × every kind of caller, over HTTP, on a private group owned by an
// athlete. The pure table is tested in authorization.test.ts; this proves the handlers ask it.
import { expect } from 'chai';
import { bearer, createGroupVia, createOrganization, testApp, uniqueName } from '../support/world.js';

type Agent = ReturnType<typeof testApp>['request'];
type Relation = 'admin' | 'coach' | 'owner' | 'member' | 'other athlete' | 'coach of another org' | 'inactive coach';
type Operation = 'get' | 'update' | 'delete' | 'audit';

const expected: Record<Operation, Record<Relation, number>> = {
  get: {
    admin: 200,
    coach: 200,
    owner: 200,
    member: 200,
    'other athlete': 403,
    'coach of another org': 404,
    'inactive coach': 401,
  },
  update: {
    admin: 200,
    coach: 200,
    owner: 200,
    member: 403,
    'other athlete': 403,
    'coach of another org': 404,
    'inactive coach': 401,
  },
  delete: {
    admin: 200,
    coach: 200,
    owner: 200,
    member: 403,
    'other athlete': 403,
    'coach of another org': 404,
    'inactive coach': 401,
  },
  audit: {
    admin: 200,
    coach: 200,
    owner: 200,
    member: 403,
    'other athlete': 403,
    'coach of another org': 404,
    'inactive coach': 401,
  },
};

const call: Record<
  Operation,
  (
    request: Agent,
    groupId: string,
    auth: { Authorization: string },
  ) => Promise<{ status: number; body: Record<string, unknown> }>
> = {
  get: (request, groupId, auth) => request.get(`/api/v1/groups/${groupId}`).set(auth),
  update: (request, groupId, auth) =>
    request.put(`/api/v1/groups/${groupId}`).set(auth).send({ description: 'changed' }),
  delete: (request, groupId, auth) => request.delete(`/api/v1/groups/${groupId}`).set(auth),
  audit: (request, groupId, auth) => request.get(`/api/v1/groups/${groupId}/audit`).set(auth),
};

const codes: Record<number, string> = { 200: '', 401: 'unauthorized', 403: 'forbidden', 404: 'group_not_found' };

describe('access matrix over HTTP (private group owned by an athlete)', () => {
  let request: Agent;
  let callers: Record<Relation, { Authorization: string }>;
  let ownerId: string;
  let memberId: string;
  let admin: { Authorization: string };

  before(async () => {
    request = testApp().request;
    const org = await createOrganization();
    ownerId = await org.addUser({ role: 'athlete' });
    memberId = await org.addUser({ role: 'athlete' });
    admin = await bearer(await org.addUser({ role: 'admin' }));
    const inactiveCoach = await org.addUser({ role: 'coach', status: 'inactive' });
    callers = {
      admin,
      coach: await bearer(await org.addUser({ role: 'coach' })),
      owner: await bearer(ownerId),
      member: await bearer(memberId),
      'other athlete': await bearer(await org.addUser({ role: 'athlete' })),
      'coach of another org': await bearer(await (await createOrganization()).addUser({ role: 'coach' })),
      'inactive coach': await bearer(inactiveCoach),
    };
  });

  for (const operation of Object.keys(expected) as Operation[]) {
    for (const [relation, status] of Object.entries(expected[operation]) as [Relation, number][]) {
      it(`${operation}: ${relation} → ${status}`, async () => {
        const groupId = await createGroupVia(request, admin, {
          name: uniqueName('Matrix'),
          user_id: ownerId,
          privacy: 'private',
          members: [memberId],
        });
        const response = await call[operation](request, groupId, callers[relation]);
        expect(response.status).to.equal(status);
        if (status === 200) {
          expect(response.body).to.not.have.property('code');
          if (operation === 'get') expect(response.body).to.include({ group_id: groupId, owner_id: ownerId });
          if (operation === 'audit') expect(response.body.count).to.equal(2);
          if (operation === 'update' || operation === 'delete')
            expect(response.body).to.deep.equal({ group_id: groupId, status: 'success' });
        } else {
          expect(response.body.code).to.equal(codes[status]);
        }
        const after = await request.get(`/api/v1/groups/${groupId}`).set(admin);
        if (operation === 'delete') expect(after.status).to.equal(status === 200 ? 404 : 200);
        if (operation === 'update') expect(after.body.description).to.equal(status === 200 ? 'changed' : null);
      });
    }
  }

  it('get: another athlete may read a public group', async () => {
    const groupId = await createGroupVia(request, admin, {
      name: uniqueName('Open'),
      user_id: ownerId,
      privacy: 'public',
    });
    expect((await request.get(`/api/v1/groups/${groupId}`).set(callers['other athlete'])).status).to.equal(200);
  });

  it('audit of a deleted group: admins and coaches 200, its former owner 404', async () => {
    const groupId = await createGroupVia(request, admin, { name: uniqueName('Deleted'), user_id: ownerId });
    await request.delete(`/api/v1/groups/${groupId}`).set(admin);
    expect((await request.get(`/api/v1/groups/${groupId}/audit`).set(callers.coach)).status).to.equal(200);
    expect((await request.get(`/api/v1/groups/${groupId}/audit`).set(admin)).status).to.equal(200);
    expect((await request.get(`/api/v1/groups/${groupId}/audit`).set(callers.owner)).status).to.equal(404);
    expect((await request.get(`/api/v1/groups/${groupId}/audit`).set(callers['coach of another org'])).status).to.equal(
      404,
    );
  });

  describe('create', () => {
    it('an athlete may create a group they own, not one owned by someone else', async () => {
      const own = await request
        .post('/api/v1/groups')
        .set(callers.owner)
        .send({ name: uniqueName('Mine'), user_id: ownerId });
      expect(own.status).to.equal(200);
      const forOther = await request
        .post('/api/v1/groups')
        .set(callers.owner)
        .send({ name: uniqueName('Theirs'), user_id: memberId });
      expect(forOther.status).to.equal(403);
      expect(forOther.body.code).to.equal('forbidden');
    });

    it('a coach and an admin may make any active user of the organization the owner', async () => {
      for (const who of [callers.coach, admin]) {
        expect(
          (
            await request
              .post('/api/v1/groups')
              .set(who)
              .send({ name: uniqueName('Assigned'), user_id: memberId })
          ).status,
        ).to.equal(200);
      }
    });
  });

  describe('list', () => {
    it('an athlete lists only the groups they own, without summary fields', async () => {
      const athlete = await (async () => {
        const org = await createOrganization();
        const athleteId = await org.addUser({ role: 'athlete' });
        const coachAuth = await bearer(await org.addUser({ role: 'coach' }));
        await createGroupVia(request, coachAuth, {
          name: 'Coach group',
          user_id: await org.addUser({ role: 'coach' }),
        });
        await createGroupVia(request, coachAuth, { name: 'Athlete group', user_id: athleteId, members: [athleteId] });
        return { auth: await bearer(athleteId), coachAuth };
      })();
      const mine = await request.get('/api/v1/groups').set(athlete.auth);
      expect(mine.body.groups.map((group: { name: string }) => group.name)).to.deep.equal(['Athlete group']);
      expect(mine.body).to.not.have.any.keys('total_athletes', 'unassigned_count');
      const all = await request.get('/api/v1/groups').set(athlete.coachAuth);
      expect(all.body.groups.map((group: { name: string }) => group.name)).to.deep.equal([
        'Athlete group',
        'Coach group',
      ]);
      expect(all.body).to.include({ total_athletes: 1, unassigned_count: 0, count: 2 });
    });
  });
});
