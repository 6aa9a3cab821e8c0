// Expected values are computed by hand from the fixtures, never read back from the code.
import { expect } from 'chai';
import { expectValidationError } from '../support/problems.js';
import { addActivity, bearer, createGroupVia, createOrganization, db, testApp, uniqueName } from '../support/world.js';

type Agent = ReturnType<typeof testApp>['request'];

const dates = (from: string, count: number) =>
  Array.from({ length: count }, (_, i) =>
    new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
  );

/** One member's distance (km) per day of a stats answer; 0 on days without activity. */
function kilometresPerDay(body: { history: Record<string, unknown>[] }, userId: string): Record<string, number> {
  return Object.fromEntries(
    body.history.map((day) => [day.date, (day[userId] as { distance: number } | undefined)?.distance ?? 0]),
  );
}

async function groupWith(request: Agent, memberCount: number, options: { coachTimezone?: string | null } = {}) {
  const org = await createOrganization();
  const coachId = await org.addUser({ role: 'coach', timezone: options.coachTimezone ?? null });
  const coach = await bearer(coachId);
  const members: string[] = [];
  for (let i = 0; i < memberCount; i++) members.push(await org.addUser({ role: 'athlete', name: `Athlete ${i + 1}` }));
  const groupId = await createGroupVia(request, coach, { name: uniqueName('Stats'), user_id: coachId, members });
  return { org, coach, members, groupId };
}

describe('GET /api/v1/groups/{group_id}/stats', () => {
  const now = new Date('2025-04-30T12:00:00Z');
  let request: Agent;

  before(() => {
    request = testApp({ clock: () => now }).request;
  });

  it('sums per member and day, counts only completed activities of active members, and rounds', async () => {
    const { org, coach, members, groupId } = await groupWith(request, 4);
    const [a, b, c, d] = members as [string, string, string, string];
    await db()('users').where({ id: d }).update({ status: 'inactive' });
    const nonMember = await org.addUser({ role: 'athlete' });
    await addActivity(org.id, a, {
      startTime: '2025-04-24T06:00:00Z',
      distance: 10000,
      duration: 3000,
      vdotLoad: 30.04,
      nexrexEtePlus: 40.06,
    });
    await addActivity(org.id, a, {
      startTime: '2025-04-24T18:00:00Z',
      distance: 5005,
      duration: 1530,
      vdotLoad: 15.02,
      nexrexEtePlus: null,
    });
    await addActivity(org.id, a, { startTime: '2025-04-23T23:59:59.999Z', distance: 99999 });
    await addActivity(org.id, b, {
      startTime: '2025-04-30T11:00:00Z',
      distance: 8000,
      duration: 2400,
      vdotLoad: null,
      nexrexEtePlus: 20,
    });
    await addActivity(org.id, b, { startTime: '2025-04-29T10:00:00Z', status: 'planned', distance: 7777 });
    await addActivity(org.id, d, { startTime: '2025-04-25T10:00:00Z', distance: 6666 });
    await addActivity(org.id, nonMember, { startTime: '2025-04-25T10:00:00Z', distance: 5555 });

    const response = await request.get(`/api/v1/groups/${groupId}/stats?timezone=UTC`).set(coach);
    expect(response.status).to.equal(200);
    expect(response.body.summary).to.deep.equal({ total_distance: 23005, total_activities: 3, engagement_rate: 67 });
    expect(response.body).to.include({ range: '7d', timezone: 'UTC', from: '2025-04-24', to: '2025-04-30' });
    expect(response.body.member_names).to.deep.equal({ [a]: 'Athlete 1', [b]: 'Athlete 2', [c]: 'Athlete 3' });
    expect(response.body.history.map((day: { date: string }) => day.date)).to.deep.equal(dates('2025-04-24', 7));
    expect(response.body.history[0]).to.deep.equal({
      date: '2025-04-24',
      formattedDate: '2025-04-24',
      [a]: { distance: 15.01, duration: 75.5, vdot_load: 45.1, nexrex_ete_plus: 40.1 },
    });
    expect(response.body.history[6]).to.deep.equal({
      date: '2025-04-30',
      formattedDate: '2025-04-30',
      [b]: { distance: 8, duration: 40, vdot_load: 0, nexrex_ete_plus: 20 },
    });
    for (const day of response.body.history.slice(1, 6))
      expect(Object.keys(day)).to.deep.equal(['date', 'formattedDate']);
  });

  it('rounds the engagement rate half up: 1 of 8 members is 13', async () => {
    const { org, coach, members, groupId } = await groupWith(request, 8);
    await addActivity(org.id, members[3]!, { startTime: '2025-04-28T08:00:00Z' });
    const response = await request.get(`/api/v1/groups/${groupId}/stats`).set(coach);
    expect(response.body.summary.engagement_rate).to.equal(13);
  });

  it('answers zeros and empty days for a group without members', async () => {
    const { coach, groupId } = await groupWith(request, 0);
    const response = await request.get(`/api/v1/groups/${groupId}/stats?range=14d`).set(coach);
    expect(response.body.summary).to.deep.equal({ total_distance: 0, total_activities: 0, engagement_rate: 0 });
    expect(response.body.member_names).to.deep.equal({});
    expect(response.body.history).to.have.length(14);
    expect(response.body.history[0]).to.deep.equal({ date: '2025-04-17', formattedDate: '2025-04-17' });
  });

  it('counts members with no activity in the denominator', async () => {
    const { org, coach, members, groupId } = await groupWith(request, 3);
    await addActivity(org.id, members[0]!, { startTime: '2025-04-30T08:00:00Z' });
    const response = await request.get(`/api/v1/groups/${groupId}/stats?range=30d`).set(coach);
    expect(response.body.summary).to.deep.include({ total_activities: 1, engagement_rate: 33 });
    expect(response.body).to.include({ from: '2025-04-01', to: '2025-04-30' });
    expect(response.body.history).to.have.length(30);
  });

  it('reads a group larger than one batch of members: every member sums where it belongs', async function () {
    this.timeout(60_000);
    // 130 members: two statements of 128 and 2 (src/domain/group-stats.ts, statsBatchMembers).
    const { org, coach, members, groupId } = await groupWith(request, 130);
    const sorted = [...members].sort();
    const picked = [sorted[0]!, sorted[127]!, sorted[128]!, sorted[129]!];
    for (const [index, userId] of picked.entries())
      await addActivity(org.id, userId, { startTime: `2025-04-2${index + 5}T10:00:00Z`, distance: 1000 * (index + 1) });
    await addActivity(org.id, sorted[129]!, { startTime: '2025-04-28T11:00:00Z', distance: 500 });
    const response = await request.get(`/api/v1/groups/${groupId}/stats?range=7d&timezone=UTC`).set(coach).expect(200);
    expect(response.body.summary).to.deep.equal({ total_distance: 10_500, total_activities: 5, engagement_rate: 3 });
    expect(Object.keys(response.body.member_names)).to.have.length(130);
    for (const [index, userId] of picked.entries()) {
      const expected = Object.fromEntries(dates('2025-04-24', 7).map((date) => [date, 0]));
      expected[`2025-04-2${index + 5}`] = index === 3 ? 4.5 : index + 1;
      expect(kilometresPerDay(response.body, userId), `member ${index}`).to.deep.equal(expected);
    }
  });

  it('buckets by local day across the spring-forward change in America/New_York', async () => {
    const app = testApp({ clock: () => new Date('2025-03-12T12:00:00Z') }).request;
    const { org, coach, members, groupId } = await groupWith(app, 1);
    const athlete = members[0]!;
    for (const startTime of [
      '2025-03-06T04:59:00Z', // 03-05 23:59 EST: before the range
      '2025-03-06T05:00:00Z', // 03-06 00:00 EST: first instant of the range
      '2025-03-09T04:59:59Z', // 03-08 23:59:59 EST
      '2025-03-09T05:00:00Z', // 03-09 00:00 EST
      '2025-03-10T03:59:00Z', // 03-09 23:59 EDT
      '2025-03-10T04:00:00Z', // 03-10 00:00 EDT
      '2025-03-13T03:59:59Z', // 03-12 23:59:59 EDT: last second of the range
      '2025-03-13T04:00:00Z', // 03-13 00:00 EDT: after the range
    ]) {
      await addActivity(org.id, athlete, { startTime, distance: 1000, duration: 60 });
    }
    const response = await app.get(`/api/v1/groups/${groupId}/stats?range=7d&timezone=America/New_York`).set(coach);
    expect(response.body).to.include({ from: '2025-03-06', to: '2025-03-12', timezone: 'America/New_York' });
    const perDay = kilometresPerDay(response.body, athlete);
    expect(perDay).to.deep.equal({
      '2025-03-06': 1,
      '2025-03-07': 0,
      '2025-03-08': 1,
      '2025-03-09': 2,
      '2025-03-10': 1,
      '2025-03-11': 0,
      '2025-03-12': 1,
    });
    expect(response.body.summary.total_activities).to.equal(6);
  });

  it('buckets by local day across the fall-back change in Europe/Berlin', async () => {
    const app = testApp({ clock: () => new Date('2025-10-28T12:00:00Z') }).request;
    const { org, coach, members, groupId } = await groupWith(app, 1);
    const athlete = members[0]!;
    for (const startTime of [
      '2025-10-25T21:59:00Z', // 10-25 23:59 CEST
      '2025-10-25T22:00:00Z', // 10-26 00:00 CEST
      '2025-10-26T00:30:00Z', // 10-26 02:30 CEST (first pass through 02:30)
      '2025-10-26T01:30:00Z', // 10-26 02:30 CET (second pass)
      '2025-10-26T22:59:00Z', // 10-26 23:59 CET
      '2025-10-26T23:00:00Z', // 10-27 00:00 CET
    ]) {
      await addActivity(org.id, athlete, { startTime, distance: 1000 });
    }
    const response = await app.get(`/api/v1/groups/${groupId}/stats?range=7d&timezone=Europe/Berlin`).set(coach);
    const perDay = kilometresPerDay(response.body, athlete);
    expect(perDay).to.deep.equal({
      '2025-10-22': 0,
      '2025-10-23': 0,
      '2025-10-24': 0,
      '2025-10-25': 1,
      '2025-10-26': 4,
      '2025-10-27': 1,
      '2025-10-28': 0,
    });
  });

  it('buckets by local day at +05:45 (Asia/Kathmandu)', async () => {
    const { org, coach, members, groupId } = await groupWith(request, 1);
    const athlete = members[0]!;
    await addActivity(org.id, athlete, { startTime: '2025-04-26T18:14:59Z', distance: 1000 }); // 04-26 23:59:59 local
    await addActivity(org.id, athlete, { startTime: '2025-04-26T18:15:00Z', distance: 2000 }); // 04-27 00:00 local
    await addActivity(org.id, athlete, { startTime: '2025-04-23T18:14:59Z', distance: 4000 }); // 04-23 23:59:59 local: before the range
    const response = await request.get(`/api/v1/groups/${groupId}/stats?timezone=Asia/Kathmandu`).set(coach);
    expect(response.body).to.include({ from: '2025-04-24', to: '2025-04-30' });
    const perDay = kilometresPerDay(response.body, athlete);
    expect(perDay).to.deep.equal({
      '2025-04-24': 0,
      '2025-04-25': 0,
      '2025-04-26': 1,
      '2025-04-27': 2,
      '2025-04-28': 0,
      '2025-04-29': 0,
      '2025-04-30': 0,
    });
    expect(response.body.summary.total_distance).to.equal(3000);
  });

  it("buckets by local day across Australia/Lord_Howe's 30-minute DST change", async () => {
    const app = testApp({ clock: () => new Date('2025-04-08T00:00:00Z') }).request;
    const { org, coach, members, groupId } = await groupWith(app, 1);
    const athlete = members[0]!;
    for (const startTime of [
      '2025-04-05T12:59:00Z', // 04-05 23:59 (+11:00)
      '2025-04-05T13:00:00Z', // 04-06 00:00 (+11:00); at 02:00 local the clock goes back to 01:30
      '2025-04-06T13:29:00Z', // 04-06 23:59 (+10:30)
      '2025-04-06T13:30:00Z', // 04-07 00:00 (+10:30)
    ]) {
      await addActivity(org.id, athlete, { startTime, distance: 1000 });
    }
    const response = await app.get(`/api/v1/groups/${groupId}/stats?range=7d&timezone=Australia/Lord_Howe`).set(coach);
    expect(response.body).to.include({ from: '2025-04-02', to: '2025-04-08' });
    const perDay = kilometresPerDay(response.body, athlete);
    expect(perDay).to.deep.equal({
      '2025-04-02': 0,
      '2025-04-03': 0,
      '2025-04-04': 0,
      '2025-04-05': 1,
      '2025-04-06': 2,
      '2025-04-07': 1,
      '2025-04-08': 0,
    });
  });

  it('counts a custom range inclusively at both timestamps', async () => {
    const { org, coach, members, groupId } = await groupWith(request, 1);
    const athlete = members[0]!;
    const from = Date.parse('2025-04-10T00:00:00Z') / 1000;
    const to = Date.parse('2025-04-12T18:00:00Z') / 1000;
    await addActivity(org.id, athlete, { startTime: '2025-04-09T23:59:59.999Z', distance: 1 });
    await addActivity(org.id, athlete, { startTime: '2025-04-10T00:00:00Z', distance: 100 });
    await addActivity(org.id, athlete, { startTime: '2025-04-12T18:00:00Z', distance: 200 });
    await addActivity(org.id, athlete, { startTime: '2025-04-12T18:00:00.001Z', distance: 2 });
    const response = await request
      .get(`/api/v1/groups/${groupId}/stats?range=custom&from_ts=${from}&to_ts=${to}&timezone=UTC`)
      .set(coach);
    expect(response.status).to.equal(200);
    expect(response.body).to.include({ range: 'custom', from: '2025-04-10', to: '2025-04-12' });
    expect(response.body.summary).to.deep.include({ total_distance: 300, total_activities: 2 });
    expect(response.body.history).to.have.length(3);
  });

  it("uses the caller's profile time zone by default, else UTC", async () => {
    const { coach, groupId } = await groupWith(request, 0, { coachTimezone: 'Asia/Kolkata' });
    expect((await request.get(`/api/v1/groups/${groupId}/stats`).set(coach)).body.timezone).to.equal('Asia/Kolkata');
    const plain = await groupWith(request, 0);
    expect((await request.get(`/api/v1/groups/${plain.groupId}/stats`).set(plain.coach)).body.timezone).to.equal('UTC');
  });

  it('answers 400 to every invalid range', async () => {
    const { coach, groupId } = await groupWith(request, 0);
    const nowSeconds = now.getTime() / 1000;
    const cases: [string, string[]][] = [
      ['range=custom', ['/query/from_ts', '/query/to_ts']],
      ['range=custom&from_ts=100', ['/query/to_ts']],
      [`range=custom&from_ts=${nowSeconds}&to_ts=${nowSeconds - 1}`, ['/query/from_ts']],
      [`range=custom&from_ts=${nowSeconds - 367 * 86400}&to_ts=${nowSeconds}`, ['/query/to_ts']],
      [`range=custom&from_ts=${nowSeconds}&to_ts=${nowSeconds + 8 * 86400}`, ['/query/to_ts']],
      [`range=7d&from_ts=${nowSeconds}`, ['/query/from_ts']],
      ['from_ts=1&to_ts=2', ['/query/from_ts', '/query/to_ts']],
      ['range=8d', ['/query/range']],
      ['timezone=Mars/Base', ['/query/timezone']],
      ['from_ts=-5&range=custom&to_ts=1', ['/query/from_ts']],
    ];
    const expectRefused = async (query: string, paths: string[], because = query) =>
      expectValidationError(await request.get(`/api/v1/groups/${groupId}/stats?${query}`).set(coach), paths, because);
    for (const [query, paths] of cases) await expectRefused(query, paths);
    await expectRefused(
      `range=custom&from_ts=${nowSeconds - 366 * 86400}&to_ts=${nowSeconds + 7 * 86400}`,
      ['/query/to_ts'],
      'a 373-day span is too long',
    );
    const fullYear = await request
      .get(`/api/v1/groups/${groupId}/stats?range=custom&from_ts=${nowSeconds - 366 * 86400}&to_ts=${nowSeconds}`)
      .set(coach);
    expect(fullYear.status, '366 × 24 hours noon to noon').to.equal(200);
    expect(fullYear.body.history, '2024-04-29 to 2025-04-30').to.have.length(367);
  });

  it('lets members read the stats and refuses other athletes', async () => {
    const { org, members, groupId } = await groupWith(request, 1);
    await addActivity(org.id, members[0]!, { startTime: '2025-04-29T07:00:00Z', distance: 4200 });
    const own = await request.get(`/api/v1/groups/${groupId}/stats`).set(await bearer(members[0]!));
    expect(own.status).to.equal(200);
    expect(own.body.member_names).to.deep.equal({ [members[0]!]: 'Athlete 1' });
    expect(own.body.summary).to.deep.equal({ total_distance: 4200, total_activities: 1, engagement_rate: 100 });
    const other = await bearer(await org.addUser({ role: 'athlete' }));
    const refused = await request.get(`/api/v1/groups/${groupId}/stats`).set(other);
    expect(refused.status).to.equal(403);
    expect(refused.body).to.include({ status: 403, code: 'forbidden' });
    expect(refused.body).to.not.have.property('summary');
  });
});
