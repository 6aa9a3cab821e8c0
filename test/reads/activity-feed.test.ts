import { expect } from 'chai';
import { isMysql } from '../../src/data/database.js';
import {
  addActivity,
  allPages,
  bearer,
  createGroupVia,
  createOrganization,
  db,
  testApp,
  uniqueName,
  type TestOrganization,
} from '../support/world.js';
import { expectValidationError } from '../support/problems.js';

type Agent = ReturnType<typeof testApp>['request'];

const idsOf = (body: { activities: { activity_id: string }[] }) =>
  body.activities.map((activity) => activity.activity_id);

describe('GET /api/v1/groups/{group_id}/activities', () => {
  let request: Agent;
  let org: TestOrganization;
  let coach: { Authorization: string };
  let alex: string;
  let blake: string;
  let leaver: string;
  let outsider: string;
  let groupId: string;
  const ids: Record<string, string> = {};

  before(async () => {
    request = testApp().request;
    org = await createOrganization();
    const coachId = await org.addUser({ role: 'coach' });
    coach = await bearer(coachId);
    alex = await org.addUser({ role: 'athlete', name: 'Alex' });
    blake = await org.addUser({ role: 'athlete', name: 'Blake' });
    leaver = await org.addUser({ role: 'athlete', name: 'Leaver' });
    outsider = await org.addUser({ role: 'athlete', name: 'Outsider' });
    groupId = await createGroupVia(request, coach, {
      name: uniqueName('Feed'),
      user_id: coachId,
      members: [alex, blake, leaver],
    });
    await db()('users').where({ id: leaver }).update({ status: 'inactive' });

    ids.newest = await addActivity(org.id, alex, {
      startTime: '2025-04-30T10:00:00Z',
      subType: 'tempo',
      distance: 12500,
      duration: 4032,
      vdotLoad: 38.1,
      nexrexEtePlus: 42,
      name: 'Tuesday tempo',
    });
    // Starts 2025-04-01 02:00 UTC but on March 31 where the athlete lives.
    ids.lateMarch = await addActivity(org.id, blake, {
      startTime: '2025-04-01T02:00:00Z',
      startDateLocal: '2025-03-31',
      subType: 'easy-run',
    });
    ids.firstApril = await addActivity(org.id, blake, {
      startTime: '2025-04-01T12:00:00Z',
      subType: 'long-run',
      vdotLoad: null,
      nexrexEtePlus: null,
    });
    ids.sameTimeA = await addActivity(org.id, alex, { startTime: '2025-04-15T07:00:00Z', subType: 'intervals' });
    ids.sameTimeB = await addActivity(org.id, blake, { startTime: '2025-04-15T07:00:00Z', subType: 'recovery' });
    ids.mayFirst = await addActivity(org.id, alex, { startTime: '2025-05-01T06:00:00Z', subType: 'race' });
    await addActivity(org.id, alex, { startTime: '2025-04-20T07:00:00Z', status: 'planned' });
    await addActivity(org.id, leaver, { startTime: '2025-04-21T07:00:00Z' });
    await addActivity(org.id, outsider, { startTime: '2025-04-22T07:00:00Z' });
  });

  it('lists completed activities of current active members, newest first, ties by id', async () => {
    const response = await request.get(`/api/v1/groups/${groupId}/activities`).set(coach);
    expect(response.status).to.equal(200);
    const tie = [ids.sameTimeA!, ids.sameTimeB!].sort().reverse();
    expect(idsOf(response.body)).to.deep.equal([ids.mayFirst, ids.newest, ...tie, ids.firstApril, ids.lateMarch]);
    expect(response.body).to.include({ count: 6, next_page_token: null });
  });

  it("answers the reference's example call with every item field", async () => {
    const response = await request
      .get(`/api/v1/groups/${groupId}/activities?limit=10&start_date=2025-04-01&end_date=2025-04-30`)
      .set(coach);
    expect(response.status).to.equal(200);
    expect(response.body.activities[0]).to.deep.equal({
      activity_id: ids.newest,
      user_id: alex,
      user_name: 'Alex',
      name: 'Tuesday tempo',
      type: 'run',
      sub_type: 'tempo',
      start_time: '2025-04-30T10:00:00.000Z',
      start_date_local: '2025-04-30',
      distance: 12500,
      duration: 4032,
      vdot_load: 38.1,
      nexrex_ete_plus: 42,
    });
    expect(
      response.body.activities.find((activity: { activity_id: string }) => activity.activity_id === ids.firstApril),
    ).to.include({ vdot_load: null, nexrex_ete_plus: null });
  });

  it("filters inclusively at both ends on the athlete's local start date", async () => {
    const april = await request
      .get(`/api/v1/groups/${groupId}/activities?start_date=2025-04-01&end_date=2025-04-30`)
      .set(coach);
    expect(idsOf(april.body)).to.have.members([ids.newest, ids.sameTimeA, ids.sameTimeB, ids.firstApril]);
    const march31 = await request
      .get(`/api/v1/groups/${groupId}/activities?start_date=2025-03-31&end_date=2025-03-31`)
      .set(coach);
    expect(idsOf(march31.body)).to.deep.equal([ids.lateMarch]);
    const fromApril30 = await request.get(`/api/v1/groups/${groupId}/activities?start_date=2025-04-30`).set(coach);
    expect(idsOf(fromApril30.body)).to.deep.equal([ids.mayFirst, ids.newest]);
  });

  it('filters by a comma-separated sub_type list, spaces tolerated', async () => {
    const response = await request
      .get(`/api/v1/groups/${groupId}/activities?sub_type=tempo%20,%20long-run,race`)
      .set(coach);
    expect(idsOf(response.body)).to.deep.equal([ids.mayFirst, ids.newest, ids.firstApril]);
    const plain = await request.get(`/api/v1/groups/${groupId}/activities?sub_type=easy-run,tempo`).set(coach);
    expect(idsOf(plain.body)).to.deep.equal([ids.newest, ids.lateMarch]);
  });

  it('pages through every activity exactly once, and binds the token to its filters', async () => {
    const pages = await allPages(request, coach, `/api/v1/groups/${groupId}/activities?limit=4`);
    expect(pages.map((page) => page.count)).to.deep.equal([4, 2]);
    const seen = pages.flatMap((page) => idsOf(page as never));
    expect(seen).to.deep.equal(idsOf((await request.get(`/api/v1/groups/${groupId}/activities`).set(coach)).body));

    const filteredPages = await allPages(
      request,
      coach,
      `/api/v1/groups/${groupId}/activities?limit=1&start_date=2025-04-01&end_date=2025-04-30`,
    );
    expect(filteredPages.flatMap((page) => idsOf(page as never))).to.have.length(4);

    const token = (pages[0] as { next_page_token: string }).next_page_token;
    const otherFilter = await request
      .get(`/api/v1/groups/${groupId}/activities?limit=4&sub_type=tempo&page_token=${token}`)
      .set(coach);
    expect(otherFilter.status).to.equal(400);
    expect(otherFilter.body.errors[0].path).to.equal('/query/page_token');
  });

  it('answers 400 to invalid dates, start after end, a bad sub_type and limits outside 1–100', async () => {
    for (const [query, path] of [
      ['start_date=2025-02-30', '/query/start_date'],
      ['end_date=April', '/query/end_date'],
      ['start_date=2025-05-01&end_date=2025-04-01', '/query/start_date'],
      ['sub_type=Tempo', '/query/sub_type'],
      ['sub_type=a,,b', '/query/sub_type'],
      ['limit=0', '/query/limit'],
      ['limit=101', '/query/limit'],
    ]) {
      const response = await request.get(`/api/v1/groups/${groupId}/activities?${query}`).set(coach);
      expectValidationError(response, [path!], query);
    }
  });

  it('lets members read the feed and refuses other athletes', async () => {
    const own = await request.get(`/api/v1/groups/${groupId}/activities`).set(await bearer(alex));
    expect(own.status).to.equal(200);
    const coachView = await request.get(`/api/v1/groups/${groupId}/activities`).set(coach);
    expect(own.body).to.deep.equal(coachView.body);
    expect(own.body.count).to.equal(6);
    const refused = await request.get(`/api/v1/groups/${groupId}/activities`).set(await bearer(outsider));
    expect(refused.status).to.equal(403);
    expect(refused.body.code).to.equal('forbidden');
    const otherOrg = await bearer(await (await createOrganization()).addUser({ role: 'coach' }));
    const hidden = await request.get(`/api/v1/groups/${groupId}/activities`).set(otherOrg);
    expect(hidden.status).to.equal(404);
    expect(hidden.body).to.include({ code: 'group_not_found', detail: `No group ${groupId} exists.` });
  });
});

// MySQL reads a page through the last two days' positions, each member's newest positions
// merged, or one plain statement, by what the window holds and the filters
// (src/data/activities-repository.ts); SQLite always in one plain statement. Whichever way,
// the page is the oracle's.
interface Stored {
  id: string;
  startMs: number;
  subType: string;
}

describe('GET /api/v1/groups/{group_id}/activities, each way of reading a page', () => {
  const now = Date.parse('2025-06-10T12:00:00Z');
  const hourMs = 3_600_000;
  let request: Agent;
  let coach: { Authorization: string };
  let groupId: string;
  const stored: Stored[] = [];
  let statements: string[] = [];
  const capture = (query: { sql: string }) => {
    if (/from [`"]?activities\b/i.test(query.sql)) statements.push(query.sql);
  };

  before(async () => {
    request = testApp({ clock: () => new Date(now) }).request;
    const org = await createOrganization();
    const coachId = await org.addUser({ role: 'coach' });
    coach = await bearer(coachId);
    const members = [await org.addUser(), await org.addUser(), await org.addUser()];
    groupId = await createGroupVia(request, coach, { name: uniqueName('Reads'), user_id: coachId, members });
    // 12 activities in the last two days, 3 of them tempo runs; 12 more over the 12 days before.
    const starts = [
      ...Array.from({ length: 12 }, (_, k) => now - (1 + 3 * k) * hourMs),
      ...Array.from({ length: 12 }, (_, k) => now - (3 + k) * 24 * hourMs - 2 * hourMs),
    ];
    for (const [index, startMs] of starts.entries()) {
      const subType = index % 4 === 0 ? 'tempo' : 'easy-run';
      const id = await addActivity(org.id, members[index % 3]!, {
        startTime: new Date(startMs).toISOString(),
        subType,
      });
      stored.push({ id, startMs, subType });
    }
    db().on('query', capture);
  });

  after(() => {
    db().removeListener('query', capture);
  });

  const localDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const oracle = (keep: (activity: Stored) => boolean) =>
    stored
      .filter(keep)
      .sort((a, b) => b.startMs - a.startMs)
      .map((activity) => activity.id);
  const everything = () => true;
  const tempo = (activity: Stored) => activity.subType === 'tempo';
  const untilJune5 = (activity: Stored) => localDate(activity.startMs) <= '2025-06-05';
  const readKind = (sql: string) => (/union all/i.test(sql) ? 'merge' : /\bjoin\b/i.test(sql) ? 'window' : 'plain');

  const firstPages: { query: string; limit: number; reads: string[]; keep: (activity: Stored) => boolean }[] = [
    { query: 'limit=5', limit: 5, reads: ['window'], keep: everything },
    { query: 'limit=20', limit: 20, reads: ['window', 'merge'], keep: everything },
    { query: 'limit=5&sub_type=tempo', limit: 5, reads: ['window', 'plain'], keep: tempo },
    // The end date lies before the window: no window.
    { query: 'limit=20&end_date=2025-06-05', limit: 20, reads: ['plain'], keep: untilJune5 },
    // Three members' window holds too few for a filtered page of 20: no window.
    {
      query: 'limit=20&start_date=2025-06-01',
      limit: 20,
      reads: ['plain'],
      keep: (activity) => localDate(activity.startMs) >= '2025-06-01',
    },
    {
      query: 'limit=5&start_date=2025-06-10',
      limit: 5,
      reads: ['window', 'plain'],
      keep: (activity) => localDate(activity.startMs) >= '2025-06-10',
    },
  ];
  for (const { query, limit, reads, keep } of firstPages) {
    it(`${query}: the oracle's first page, read by ${reads.join(' then ')} on MySQL`, async () => {
      statements = [];
      const response = await request.get(`/api/v1/groups/${groupId}/activities?${query}`).set(coach).expect(200);
      expect(idsOf(response.body)).to.deep.equal(oracle(keep).slice(0, limit));
      expect(statements.map(readKind)).to.deep.equal(isMysql(db()) ? reads : ['plain']);
    });
  }

  for (const [query, keep] of [
    ['limit=5', everything],
    ['limit=2&sub_type=tempo', tempo],
    ['limit=4&end_date=2025-06-05', untilJune5],
  ] as const) {
    it(`${query}: later pages hold every activity once, in order`, async () => {
      const pages = await allPages(request, coach, `/api/v1/groups/${groupId}/activities?${query}`);
      expect(pages.length).to.be.greaterThan(2);
      expect(pages.flatMap((page) => idsOf(page as never))).to.deep.equal(oracle(keep));
    });
  }
});
