// The feed and stats queries read along the (user_id, …) indexes: the plan for the queries a
// real request sends, in an organization whose other athletes have far more activity.
import { expect } from 'chai';
import { isMysql } from '../../src/data/database.js';
import { bearer, createGroupVia, createOrganization, db, testApp, uniqueName } from '../support/world.js';

interface CapturedQuery {
  sql: string;
  bindings: unknown[];
}

async function queriesOf(send: () => Promise<unknown>): Promise<CapturedQuery[]> {
  const captured: CapturedQuery[] = [];
  const listener = (query: CapturedQuery) => captured.push({ sql: query.sql, bindings: query.bindings });
  db().on('query', listener);
  try {
    await send();
  } finally {
    db().removeListener('query', listener);
  }
  return captured.filter((query) => /from [`"]activities[`"]/i.test(query.sql));
}

async function plan(query: CapturedQuery): Promise<{ index: string; detail: string; rows?: number }[]> {
  if (isMysql(db())) {
    const [rows] = (await db().raw(`EXPLAIN ${query.sql}`, query.bindings as never)) as [Record<string, unknown>[]];
    return rows.map((row) => ({
      index: String(row.key),
      detail: `${String(row.type)} ${String(row.Extra)}`,
      rows: Number(row.rows),
    }));
  }
  const rows = await db().raw<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${query.sql}`, query.bindings as never);
  return rows.map((row) => ({
    index: /USING (?:COVERING )?INDEX (\w+)/.exec(row.detail)?.[1] ?? '',
    detail: row.detail,
  }));
}

describe('query plans of the feed and the stats', () => {
  let request: ReturnType<typeof testApp>['request'];
  let coach: { Authorization: string };
  let groupId: string;

  before(async function () {
    this.timeout(120_000);
    request = testApp({ clock: () => new Date('2025-04-30T12:00:00Z') }).request;
    const org = await createOrganization();
    const coachId = await org.addUser({ role: 'coach' });
    coach = await bearer(coachId);
    const members = [await org.addUser(), await org.addUser(), await org.addUser()];
    const others: string[] = [];
    for (let i = 0; i < 30; i++) others.push(await org.addUser());
    groupId = await createGroupVia(request, coach, { name: uniqueName('Plans'), user_id: coachId, members });
    const rows = [...members.map((id) => [id, 20] as const), ...others.map((id) => [id, 150] as const)].flatMap(
      ([userId, count]) =>
        Array.from({ length: count }, (_, day) => {
          const start = new Date(Date.parse('2025-04-30T06:00:00Z') - day * 86_400_000);
          return {
            id: `act_plan_${userId}_${day}`,
            org_id: org.id,
            user_id: userId,
            type: 'run',
            sub_type: 'easy-run',
            status: 'completed',
            start_time: start,
            start_date_local: start.toISOString().slice(0, 10),
            distance: 5000,
            duration: 1500,
          };
        }),
    );
    for (let start = 0; start < rows.length; start += 200)
      await db()('activities').insert(rows.slice(start, start + 200));
    await db().raw(isMysql(db()) ? 'ANALYZE TABLE activities' : 'ANALYZE');
  });

  /** Every step on activities goes through a (user_id, …) index, the table by primary key at most. */
  async function expectIndexedReads(queries: CapturedQuery[]) {
    for (const query of queries) {
      const steps = await plan(query);
      const activitySteps = steps.filter(
        (step) => step.index.startsWith('activities_') || /activities/.test(step.detail),
      );
      expect(activitySteps.length, JSON.stringify(steps)).to.be.greaterThan(0);
      for (const step of activitySteps) {
        expect(step.index, JSON.stringify(steps)).to.match(/^activities_user_(status_start|start_date_local)$/);
        // 3 members × 20 activities, against 4,500 of the organization's other athletes.
        if (step.rows !== undefined) expect(step.rows, JSON.stringify(steps)).to.be.below(500);
      }
      // Only a page's rows are read from the table itself, one by one.
      for (const step of steps.filter((candidate) => candidate.index === 'PRIMARY'))
        expect(step.detail, JSON.stringify(steps)).to.match(/^eq_ref/);
    }
  }

  // MySQL's statements per request: the recent window (which holds a short page), then (three
  // members hold too few of it) the merge; a filtered page that three members' window cannot
  // fill, or dates that end before it, skip the window for one plain statement. SQLite sends
  // one plain statement.
  for (const [name, url, mysqlStatements] of [
    ['the feed', '/activities?limit=20', 2],
    ['the feed filtered by local date', '/activities?start_date=2025-04-01&end_date=2025-04-30', 1],
    ['the feed filtered by sub type', '/activities?sub_type=easy-run&limit=5', 1],
    ['a long page filtered by sub type', '/activities?sub_type=easy-run&limit=100', 1],
    ['the feed of dates before the window', '/activities?end_date=2025-04-20&limit=5', 1],
    ['the stats', '/stats?range=90d&timezone=America/New_York', 1],
  ] as const) {
    it(`${name} reads activities through a (user_id, …) index, the table by primary key at most`, async () => {
      const queries = await queriesOf(() => request.get(`/api/v1/groups/${groupId}${url}`).set(coach).expect(200));
      expect(queries).to.have.length(isMysql(db()) ? mysqlStatements : 1);
      await expectIndexedReads(queries);
    });
  }

  it("a later page of the feed reads along the index from the token's position", async () => {
    const first = await request.get(`/api/v1/groups/${groupId}/activities?limit=5`).set(coach).expect(200);
    const token = (first.body as { next_page_token: string }).next_page_token;
    const queries = await queriesOf(() =>
      request.get(`/api/v1/groups/${groupId}/activities?limit=5&page_token=${token}`).set(coach).expect(200),
    );
    // Inside the window: one statement on either database.
    expect(queries).to.have.length(1);
    await expectIndexedReads(queries);
  });

  it('the stats read only index entries, in index order: no table rows, no sort, no temporary table', async () => {
    const [query] = await queriesOf(() =>
      request.get(`/api/v1/groups/${groupId}/stats?range=90d&timezone=America/New_York`).set(coach).expect(200),
    );
    const steps = await plan(query!);
    expect(steps, JSON.stringify(steps)).to.have.length(1);
    expect(steps[0]!.index).to.equal('activities_user_status_start');
    if (isMysql(db())) {
      expect(steps[0]!.detail).to.match(/^range .*Using index/);
      expect(steps[0]!.detail).not.to.match(/filesort|temporary/);
    } else expect(steps[0]!.detail).to.match(/^SEARCH activities USING COVERING INDEX/);
  });
});
