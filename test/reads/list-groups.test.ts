import { expect } from 'chai';
import { expectValidationError } from '../support/problems.js';
import { allPages, bearer, db, createGroupVia, createOrganization, testApp } from '../support/world.js';

type Agent = ReturnType<typeof testApp>['request'];

describe('GET /api/v1/groups', () => {
  let request: Agent;
  let coach: { Authorization: string };
  let coachId: string;
  let groupIds: Record<string, string>;

  before(async () => {
    request = testApp().request;
    const org = await createOrganization();
    coachId = await org.addUser({ role: 'coach' });
    coach = await bearer(coachId);
    const athletes: string[] = [];
    for (let i = 0; i < 5; i++) athletes.push(await org.addUser({ role: 'athlete' }));
    const inactiveAthlete = await org.addUser({ role: 'athlete' });
    await org.addUser({ role: 'admin' });
    groupIds = {};
    // athletes[0] in two groups, athletes[1] in one, the inactive athlete in one: 5 active athletes, 3 unassigned.
    for (const [name, members] of [
      ['beta', [athletes[0]]],
      ['Alpha', [athletes[0], athletes[1]]],
      ['alpha 2', [inactiveAthlete]],
      ['Gamma', []],
      ['ALPHA 3', []],
    ] as [string, string[]][]) {
      groupIds[name] = await createGroupVia(request, coach, { name, user_id: coachId, members });
    }
    await db()('users').where({ id: inactiveAthlete }).update({ status: 'inactive' });
  });

  it("answers the reference's example call with the organization summary", async () => {
    const response = await request.get('/api/v1/groups?page_size=50').set(coach);
    expect(response.status).to.equal(200);
    expect(response.body).to.include({
      count: 5,
      page_size: 50,
      total_athletes: 5,
      unassigned_count: 3,
      next_page_token: null,
    });
    const alpha = response.body.groups.find((group: { name: string }) => group.name === 'Alpha');
    expect(alpha).to.include({ group_id: groupIds.Alpha, privacy: 'public', owner_id: coachId, member_count: 2 });
    expect(alpha.members).to.have.length(2);
  });

  it('orders by name case-insensitively', async () => {
    const response = await request.get('/api/v1/groups').set(coach);
    expect(response.body.groups.map((group: { name: string }) => group.name)).to.deep.equal([
      'Alpha',
      'alpha 2',
      'ALPHA 3',
      'beta',
      'Gamma',
    ]);
    expect(response.body.page_size).to.equal(20);
  });

  it('pages through every group exactly once', async () => {
    const pages = await allPages(request, coach, '/api/v1/groups?page_size=2');
    expect(pages.map((page) => page.count)).to.deep.equal([2, 2, 1]);
    const ids = pages.flatMap((page) => (page.groups as { group_id: string }[]).map((group) => group.group_id));
    expect(ids).to.deep.equal([
      groupIds.Alpha,
      groupIds['alpha 2'],
      groupIds['ALPHA 3'],
      groupIds.beta,
      groupIds.Gamma,
    ]);
    for (const page of pages) expect(page).to.include({ total_athletes: 5, unassigned_count: 3 });
  });

  it('answers 400 to page sizes outside 1–100 and to a token that was not issued for this caller', async () => {
    const refusedAt = async (query: string, path: string) =>
      expectValidationError(await request.get(`/api/v1/groups?${query}`).set(coach), [path], query);
    for (const query of ['page_size=0', 'page_size=101', 'page_size=ten']) await refusedAt(query, '/query/page_size');
    const token = (await request.get('/api/v1/groups?page_size=1').set(coach)).body.next_page_token;
    const stranger = await bearer(await (await createOrganization()).addUser({ role: 'coach' }));
    const reused = await request.get(`/api/v1/groups?page_token=${token}`).set(stranger);
    expect(reused.status).to.equal(400);
    expect(reused.body.errors[0].path).to.equal('/query/page_token');
    for (const query of ['page_token=abc.def', 'page_token=has%20space']) await refusedAt(query, '/query/page_token');
  });
});
