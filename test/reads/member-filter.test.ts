// GET /api/v1/groups?member=me: the groups the caller is a member of, for any role; the
// default list is unchanged, and a page token is bound to the filter it was issued for.
import { expect } from 'chai';
import { allPages, bearer, createGroupVia, createOrganization, testApp, uniqueName } from '../support/world.js';

type Agent = ReturnType<typeof testApp>['request'];

describe('GET /api/v1/groups?member=me', () => {
  let request: Agent;
  let coachId: string;
  let coach: { Authorization: string };
  let athleteId: string;
  let athlete: { Authorization: string };
  let memberOf: string[];
  let ownedByAthlete: string;

  before(async () => {
    request = testApp().request;
    const org = await createOrganization();
    coachId = await org.addUser({ role: 'coach' });
    coach = await bearer(coachId);
    athleteId = await org.addUser();
    athlete = await bearer(athleteId);
    const other = await org.addUser();
    memberOf = [];
    for (const [index, privacy] of (['private', 'public', 'private'] as const).entries())
      memberOf.push(
        await createGroupVia(request, coach, {
          name: uniqueName(`Member ${index}`),
          user_id: coachId,
          privacy,
          members: [athleteId, other],
        }),
      );
    await createGroupVia(request, coach, { name: uniqueName('Without'), user_id: coachId, members: [other] });
    ownedByAthlete = await createGroupVia(request, athlete, { name: uniqueName('Own log'), user_id: athleteId });
  });

  const ids = (pages: Record<string, unknown>[]) =>
    pages.flatMap((page) => (page.groups as { group_id: string }[]).map((group) => group.group_id));

  it("gives an athlete the groups they are a member of, private ones too, in the list's order", async () => {
    const pages = await allPages(request, athlete, '/api/v1/groups?member=me&page_size=2');
    expect(pages).to.have.length(2);
    expect(ids(pages)).to.have.members(memberOf);
    expect(ids(pages)).to.have.length(3);
    expect(pages[0]).to.not.have.property('total_athletes');
    const names = pages.flatMap((page) => (page.groups as { name: string }[]).map((group) => group.name.toLowerCase()));
    expect(names).to.deep.equal([...names].sort());
  });

  it('leaves the default athlete list as the reference describes: only the groups they own', async () => {
    const response = await request.get('/api/v1/groups').set(athlete);
    expect(response.status).to.equal(200);
    expect(ids([response.body])).to.deep.equal([ownedByAthlete]);
    expect(response.body).to.not.have.property('total_athletes');
  });

  it('gives a coach the groups the coach is a member of (none here), with the summary fields', async () => {
    const response = await request.get('/api/v1/groups?member=me').set(coach);
    expect(response.status).to.equal(200);
    expect(response.body.groups).to.deep.equal([]);
    expect(response.body).to.include({ count: 0, next_page_token: null });
    expect(response.body.total_athletes).to.be.a('number');
    const everything = await request.get('/api/v1/groups').set(coach);
    expect(everything.body.count).to.equal(5);
  });

  it('refuses a page token issued for another filter with 400, and member values other than me', async () => {
    const filtered = await request.get('/api/v1/groups?member=me&page_size=1').set(athlete);
    const token = filtered.body.next_page_token as string;
    expect(token).to.be.a('string');
    const unfiltered = await request.get(`/api/v1/groups?page_size=1&page_token=${token}`).set(athlete);
    expect(unfiltered.status).to.equal(400);
    expect(unfiltered.body.errors[0].path).to.equal('/query/page_token');
    const defaultToken = (await request.get('/api/v1/groups?page_size=1').set(coach)).body.next_page_token as string;
    const crossed = await request.get(`/api/v1/groups?member=me&page_token=${defaultToken}`).set(coach);
    expect(crossed.status).to.equal(400);
    const other = await request.get(`/api/v1/groups?member=${athleteId}`).set(coach);
    expect(other.status).to.equal(400);
  });
});
