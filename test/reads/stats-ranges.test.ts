// Range edges of the stats that mutation testing found unchecked: a custom range's lower bound
// inside a day, ranges ending in the future, a one-instant range, the UTC fall-back for a
// stored zone that is not valid, and the first instant of a range east of UTC.
import { expect } from 'chai';
import { addActivity, coachGroupWithAthlete, testApp } from '../support/world.js';

type Agent = ReturnType<typeof testApp>['request'];

describe('GET /api/v1/groups/{group_id}/stats: range edges', () => {
  const now = new Date('2025-04-30T12:00:00Z');
  const nowSeconds = now.getTime() / 1000;
  const daySeconds = 86_400;
  let request: Agent;

  before(() => {
    request = testApp({ clock: () => now }).request;
  });

  const groupWithAthlete = (coachTimezone: string | null = null) =>
    coachGroupWithAthlete(request, 'Ranges', { timezone: coachTimezone });

  const custom = (groupId: string, from: number, to: number, timezone = 'UTC') =>
    `/api/v1/groups/${groupId}/stats?range=custom&from_ts=${from}&to_ts=${to}&timezone=${timezone}`;

  it('starts a custom range at from_ts, not at the start of its day', async () => {
    const { org, coach, athlete, groupId } = await groupWithAthlete();
    await addActivity(org.id, athlete, { startTime: '2025-04-10T11:59:59Z', distance: 1 });
    await addActivity(org.id, athlete, { startTime: '2025-04-10T12:00:00Z', distance: 20 });
    await addActivity(org.id, athlete, { startTime: '2025-04-11T06:00:00Z', distance: 300 });
    await addActivity(org.id, athlete, { startTime: '2025-04-11T18:00:01Z', distance: 4000 });
    const from = Date.parse('2025-04-10T12:00:00Z') / 1000;
    const to = Date.parse('2025-04-11T18:00:00Z') / 1000;
    const response = await request.get(custom(groupId, from, to)).set(coach);
    expect(response.status).to.equal(200);
    expect(response.body).to.include({ from: '2025-04-10', to: '2025-04-11' });
    expect(response.body.summary).to.deep.include({ total_distance: 320, total_activities: 2 });
    expect(response.body.history.map((day: { date: string }) => day.date)).to.deep.equal(['2025-04-10', '2025-04-11']);
  });

  it('answers a range ending tomorrow, with tomorrow in the history', async () => {
    const { org, coach, athlete, groupId } = await groupWithAthlete();
    await addActivity(org.id, athlete, { startTime: '2025-04-30T11:00:00Z', distance: 700 });
    const response = await request.get(custom(groupId, nowSeconds - daySeconds, nowSeconds + daySeconds)).set(coach);
    expect(response.status).to.equal(200);
    expect(response.body).to.include({ from: '2025-04-29', to: '2025-05-01' });
    expect(response.body.history.map((day: { date: string }) => day.date)).to.deep.equal([
      '2025-04-29',
      '2025-04-30',
      '2025-05-01',
    ]);
    expect(response.body.summary.total_distance).to.equal(700);
  });

  it('accepts a range ending exactly 7 days from now and refuses one a second later', async () => {
    const { coach, groupId } = await groupWithAthlete();
    const edge = await request.get(custom(groupId, nowSeconds, nowSeconds + 7 * daySeconds)).set(coach);
    expect(edge.status).to.equal(200);
    expect(edge.body).to.include({ from: '2025-04-30', to: '2025-05-07' });
    const past = await request.get(custom(groupId, nowSeconds, nowSeconds + 7 * daySeconds + 1)).set(coach);
    expect(past.status).to.equal(400);
    expect(past.body.errors).to.deep.equal([{ path: '/query/to_ts', message: 'must be at most 7 days in the future' }]);
  });

  it('accepts a range of one instant (from_ts equal to to_ts) and counts an activity at it', async () => {
    const { org, coach, athlete, groupId } = await groupWithAthlete();
    await addActivity(org.id, athlete, { startTime: '2025-04-20T07:30:00Z', distance: 5000 });
    await addActivity(org.id, athlete, { startTime: '2025-04-20T07:30:01Z', distance: 1 });
    const instant = Date.parse('2025-04-20T07:30:00Z') / 1000;
    const response = await request.get(custom(groupId, instant, instant)).set(coach);
    expect(response.status).to.equal(200);
    expect(response.body).to.include({ from: '2025-04-20', to: '2025-04-20' });
    expect(response.body.summary).to.deep.include({ total_distance: 5000, total_activities: 1 });
  });

  it('accepts a custom span over 367 local dates and refuses one a second longer (368 dates)', async () => {
    const { coach, groupId } = await groupWithAthlete();
    const to = Date.parse('2025-04-29T23:59:59Z') / 1000;
    const from = Date.parse('2024-04-28T00:00:00Z') / 1000; // 2024-04-28 … 2025-04-29 in UTC
    const longest = await request.get(custom(groupId, from, to)).set(coach);
    expect(longest.status).to.equal(200);
    expect(longest.body.history).to.have.length(367);
    expect(longest.body).to.include({ from: '2024-04-28', to: '2025-04-29' });
    const tooLong = await request.get(custom(groupId, from - 1, to)).set(coach);
    expect(tooLong.status).to.equal(400);
    expect(tooLong.body.errors).to.deep.equal([
      { path: '/query/to_ts', message: 'must fall on a local date at most 366 days after the local date of from_ts' },
    ]);
  });

  it('falls back to UTC when the caller’s stored time zone is not a valid zone', async () => {
    const { org, coach, athlete, groupId } = await groupWithAthlete('Mars/Olympus_Mons');
    await addActivity(org.id, athlete, { startTime: '2025-04-23T23:30:00Z', distance: 1 });
    await addActivity(org.id, athlete, { startTime: '2025-04-24T00:30:00Z', distance: 10 });
    const response = await request.get(`/api/v1/groups/${groupId}/stats`).set(coach);
    expect(response.status).to.equal(200);
    expect(response.body).to.include({ timezone: 'UTC', from: '2025-04-24', to: '2025-04-30' });
    expect(response.body.summary.total_distance).to.equal(10);
  });

  it('uses a valid stored time zone when no timezone is asked for', async () => {
    const { org, coach, athlete, groupId } = await groupWithAthlete('Asia/Kathmandu');
    await addActivity(org.id, athlete, { startTime: '2025-04-23T18:15:00Z', distance: 10 }); // 04-24 00:00 local
    const response = await request.get(`/api/v1/groups/${groupId}/stats`).set(coach);
    expect(response.status).to.equal(200);
    expect(response.body).to.include({ timezone: 'Asia/Kathmandu', from: '2025-04-24', to: '2025-04-30' });
    expect(response.body.summary.total_distance).to.equal(10);
  });

  it('starts a Kathmandu range at 00:00 local time of its first day (18:15 UTC the day before)', async () => {
    const { org, coach, athlete, groupId } = await groupWithAthlete();
    await addActivity(org.id, athlete, { startTime: '2025-04-23T18:14:59Z', distance: 1 }); // 04-23 23:59:59 local
    await addActivity(org.id, athlete, { startTime: '2025-04-23T18:15:00Z', distance: 20 }); // 04-24 00:00:00 local
    await addActivity(org.id, athlete, { startTime: '2025-04-30T18:14:59Z', distance: 300 }); // 04-30 23:59:59 local
    await addActivity(org.id, athlete, { startTime: '2025-04-30T18:15:00Z', distance: 4000 }); // 05-01 00:00 local
    const response = await request.get(`/api/v1/groups/${groupId}/stats?range=7d&timezone=Asia/Kathmandu`).set(coach);
    expect(response.status).to.equal(200);
    expect(response.body).to.include({ from: '2025-04-24', to: '2025-04-30' });
    expect(response.body.summary).to.deep.include({ total_distance: 320, total_activities: 2 });
    expect(response.body.history[0]).to.deep.include({ date: '2025-04-24' });
    expect(response.body.history[0][athlete]).to.include({ distance: 0.02 });
    expect(response.body.history[6][athlete]).to.include({ distance: 0.3 });
  });

  it('ends a range west of UTC at the end of its last local day (America/Los_Angeles, -07:00)', async () => {
    const { org, coach, athlete, groupId } = await groupWithAthlete();
    await addActivity(org.id, athlete, { startTime: '2025-04-24T06:59:59Z', distance: 1 }); // 04-23 23:59:59 local
    await addActivity(org.id, athlete, { startTime: '2025-04-24T07:00:00Z', distance: 20 }); // 04-24 00:00 local
    await addActivity(org.id, athlete, { startTime: '2025-05-01T06:59:59Z', distance: 300 }); // 04-30 23:59:59 local
    await addActivity(org.id, athlete, { startTime: '2025-05-01T07:00:00Z', distance: 4000 }); // 05-01 00:00 local
    const response = await request
      .get(`/api/v1/groups/${groupId}/stats?range=7d&timezone=America/Los_Angeles`)
      .set(coach);
    expect(response.status).to.equal(200);
    expect(response.body).to.include({ from: '2025-04-24', to: '2025-04-30' });
    expect(response.body.summary).to.deep.include({ total_distance: 320, total_activities: 2 });
  });
});
