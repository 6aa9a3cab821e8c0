// The feed looks at the two days before the page's end first and merges every member's newest
// positions only when those fall short (src/data/activities-repository.ts). Whichever way a
// page is read, the pages must be the oracle's: completed activities of active members,
// newest first, ties by id, each exactly once.
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
} from '../support/world.js';

const now = Date.parse('2025-06-10T12:00:00Z');
const hourMs = 3_600_000;

interface Stored {
  id: string;
  startMs: number;
  subType: string;
  counted: boolean;
}

describe('the feed across its recent window', () => {
  let request: ReturnType<typeof testApp>['request'];
  let coach: { Authorization: string };
  let groupId: string;
  const stored: Stored[] = [];
  let activityStatements = 0;
  const countStatements = (query: { sql: string }) => {
    if (/from [`"]?activities\b/i.test(query.sql)) activityStatements += 1;
  };

  before(async function () {
    this.timeout(60_000);
    request = testApp({ clock: () => new Date(now) }).request;
    const org = await createOrganization();
    const coachId = await org.addUser({ role: 'coach' });
    coach = await bearer(coachId);
    const members = [await org.addUser(), await org.addUser(), await org.addUser()];
    const inactive = await org.addUser();
    groupId = await createGroupVia(request, coach, {
      name: uniqueName('Window'),
      user_id: coachId,
      members: [...members, inactive],
    });
    await db()('users').where({ id: inactive }).update({ status: 'inactive' });
    // 24 activities in the last two days (every 2 hours, one pair at the same instant), 12
    // older ones, some of them exactly at the window's edge, and rows that never count.
    const starts = [
      ...Array.from({ length: 24 }, (_, k) => now - k * 2 * hourMs),
      now - 48 * hourMs,
      now - 48 * hourMs,
      ...Array.from({ length: 10 }, (_, k) => now - (60 + 24 * k) * hourMs),
      now + hourMs,
    ];
    for (const [index, startMs] of starts.entries()) {
      const userId = members[index % members.length]!;
      const subType = index % 4 === 0 ? 'tempo' : 'easy-run';
      const id = await addActivity(org.id, userId, { startTime: new Date(startMs).toISOString(), subType });
      stored.push({ id, startMs, subType, counted: true });
    }
    stored.push({
      id: await addActivity(org.id, members[0]!, { startTime: new Date(now - hourMs).toISOString() }),
      startMs: now - hourMs,
      subType: 'easy-run',
      counted: false,
    });
    await db()('activities')
      .where({ id: stored.at(-1)!.id })
      .update({ status: 'planned' });
    await addActivity(org.id, inactive, { startTime: new Date(now - hourMs).toISOString() });
    db().on('query', countStatements);
  });

  after(() => {
    db().removeListener('query', countStatements);
  });

  const expected = (filter: (activity: Stored) => boolean) =>
    stored
      .filter((activity) => activity.counted && filter(activity))
      .sort((a, b) => b.startMs - a.startMs || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .map((activity) => activity.id);

  const pagedIds = async (query: string) => {
    const pages = await allPages(request, coach, `/api/v1/groups/${groupId}/activities?${query}`);
    return pages.flatMap((page) => (page.activities as { activity_id: string }[]).map((a) => a.activity_id));
  };

  for (const limit of [1, 5, 7, 20, 100])
    it(`pages of ${limit} are the oracle's order, each activity once`, async () => {
      expect(await pagedIds(`limit=${limit}`)).to.deep.equal(expected(() => true));
    });

  it('a sub_type filter the window holds too few of falls back to every member', async () => {
    expect(await pagedIds('limit=4&sub_type=tempo')).to.deep.equal(expected((a) => a.subType === 'tempo'));
  });

  it('reads a page the window holds in one statement, and one it does not in two (MySQL)', async function () {
    if (!isMysql(db())) this.skip();
    activityStatements = 0;
    const recent = await request.get(`/api/v1/groups/${groupId}/activities?limit=20`).set(coach).expect(200);
    expect(recent.body.activities).to.have.length(20);
    expect(activityStatements, 'a page inside the last two days').to.equal(1);
    activityStatements = 0;
    const older = await request.get(`/api/v1/groups/${groupId}/activities?limit=30`).set(coach).expect(200);
    expect(older.body.activities).to.have.length(30);
    expect(activityStatements, 'a page reaching past them').to.equal(2);
  });
});
