// ETag and If-Match on groups: every change bumps the version; PUT and DELETE with a stale
// If-Match answer 412 and change nothing; without If-Match they behave as before.
import { expect } from 'chai';
import { dialect } from '../support/database.js';
import { bearer, coachOfNewOrganization, createGroupVia, db, testApp, uniqueName } from '../support/world.js';

type Agent = ReturnType<typeof testApp>['request'];

describe('groups: ETag and If-Match', () => {
  let request: Agent;
  let coachId: string;
  let coach: { Authorization: string };
  let athletes: string[];

  before(async () => {
    request = testApp().request;
    ({ coachId, coach, athletes } = await coachOfNewOrganization(4));
  });

  const newGroup = () => createGroupVia(request, coach, { name: uniqueName('Etag'), user_id: coachId });
  const etagOf = async (groupId: string) => {
    const response = await request.get(`/api/v1/groups/${groupId}`).set(coach);
    expect(response.status).to.equal(200);
    return response.headers.etag as string;
  };

  it('answers a strong ETag on create, get and update; each change bumps it, an update changing nothing keeps it', async () => {
    const created = await request
      .post('/api/v1/groups')
      .set(coach)
      .send({ name: uniqueName('Etag'), user_id: coachId });
    expect(created.status).to.equal(200);
    expect(created.headers.etag).to.equal('"v1"');
    const groupId = created.body.group_id as string;
    expect(await etagOf(groupId)).to.equal('"v1"');
    const head = await request.head(`/api/v1/groups/${groupId}`).set(coach);
    expect(head.headers.etag).to.equal('"v1"');

    const renamed = await request
      .put(`/api/v1/groups/${groupId}`)
      .set(coach)
      .send({ name: uniqueName('Renamed') });
    expect(renamed.headers.etag).to.equal('"v2"');
    const joined = await request
      .put(`/api/v1/groups/${groupId}`)
      .set(coach)
      .send({ members: [athletes[0]] });
    expect(joined.headers.etag).to.equal('"v3"');
    const same = await request
      .put(`/api/v1/groups/${groupId}`)
      .set(coach)
      .send({ members: [athletes[0]] });
    expect(same.headers.etag).to.equal('"v3"');
    expect(await etagOf(groupId)).to.equal('"v3"');
    const row = await db()('groups').select('version').where({ id: groupId }).first();
    expect(Number(row.version)).to.equal(3);
  });

  it('applies a PUT whose If-Match is current, and answers 412 precondition_failed to a stale one without applying it', async () => {
    const groupId = await newGroup();
    const read = await etagOf(groupId);
    const first = await request
      .put(`/api/v1/groups/${groupId}`)
      .set(coach)
      .set('If-Match', read)
      .send({ members: [athletes[0]] });
    expect(first.status).to.equal(200);
    expect(first.headers.etag).to.equal('"v2"');

    const lost = await request
      .put(`/api/v1/groups/${groupId}`)
      .set(coach)
      .set('If-Match', read)
      .send({ members: [athletes[1]] });
    expect(lost.status).to.equal(412);
    expect(lost.type).to.equal('application/problem+json');
    expect(lost.body).to.include({ status: 412, code: 'precondition_failed', title: 'Precondition failed' });
    const group = await request.get(`/api/v1/groups/${groupId}`).set(coach);
    expect(group.body.members).to.deep.equal([athletes[0]]);
    expect(group.headers.etag).to.equal('"v2"');
    const audit = await request.get(`/api/v1/groups/${groupId}/audit`).set(coach);
    expect(audit.body.events.filter((event: { action: string }) => event.action === 'member.added')).to.have.length(1);
  });

  it('matches `*`, any tag of a list, never a weak tag, and refuses a malformed If-Match with 400', async () => {
    const groupId = await newGroup();
    const put = (ifMatch: string) =>
      request.put(`/api/v1/groups/${groupId}`).set(coach).set('If-Match', ifMatch).send({ description: ifMatch });
    expect((await put('*')).status).to.equal(200);
    expect((await put('"v9", "v2"')).status).to.equal(200);
    expect((await put('W/"v3"')).status).to.equal(412);
    expect((await put('"something-else"')).status).to.equal(412);
    const malformed = await put('v3');
    expect(malformed.status).to.equal(400);
    expect(malformed.body.errors[0].path).to.equal('/header/If-Match');
    expect(await etagOf(groupId)).to.equal('"v3"');
  });

  it('deletes with a current If-Match, answers 412 to a stale one and keeps the group', async () => {
    const groupId = await newGroup();
    const read = await etagOf(groupId);
    await request.put(`/api/v1/groups/${groupId}`).set(coach).send({ description: 'changed meanwhile' });
    const stale = await request.delete(`/api/v1/groups/${groupId}`).set(coach).set('If-Match', read);
    expect(stale.status).to.equal(412);
    expect(stale.body.code).to.equal('precondition_failed');
    expect((await request.get(`/api/v1/groups/${groupId}`).set(coach)).status).to.equal(200);
    const current = await request
      .delete(`/api/v1/groups/${groupId}`)
      .set(coach)
      .set('If-Match', await etagOf(groupId));
    expect(current.status).to.equal(200);
    expect((await request.get(`/api/v1/groups/${groupId}`).set(coach)).status).to.equal(404);
  });

  it('checks authorization before the version: an athlete with a stale If-Match gets 403, a missing group 404', async () => {
    const groupId = await newGroup();
    const athlete = await bearer(athletes[2]!);
    const refused = await request
      .put(`/api/v1/groups/${groupId}`)
      .set(athlete)
      .set('If-Match', '"v7"')
      .send({ description: 'x' });
    expect(refused.status).to.equal(403);
    expect(refused.body.code).to.equal('forbidden');
    expect(await etagOf(groupId)).to.equal('"v1"');
    const missing = await request.delete('/api/v1/groups/grp_doesnotexist000000000').set(coach).set('If-Match', '"v1"');
    expect(missing.status).to.equal(404);
    expect(missing.body.code).to.equal('group_not_found');
  });

  it(`lets exactly one of two concurrent PUTs with the same If-Match apply (${dialect})`, async () => {
    const groupId = await newGroup();
    const read = await etagOf(groupId);
    const answers = await Promise.all(
      [athletes[0], athletes[1]].map((athlete) =>
        request
          .put(`/api/v1/groups/${groupId}`)
          .set(coach)
          .set('If-Match', read)
          .send({ members: [athlete] }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).to.deep.equal([200, 412]);
    const winner = answers.find((answer) => answer.status === 200)!;
    const group = await request.get(`/api/v1/groups/${groupId}`).set(coach);
    expect(group.body.members).to.have.length(1);
    expect(group.headers.etag).to.equal(winner.headers.etag);
  });
});
