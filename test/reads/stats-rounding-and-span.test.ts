// Rounding of tiny values and the custom span in local days. Expected values
// are computed by hand.
import { expect } from 'chai';
import { roundTo } from '../../src/domain/group-stats.js';
import { expectValidationError } from '../support/problems.js';
import { addActivity, bearer, createGroupVia, createOrganization, testApp, uniqueName } from '../support/world.js';

describe('stats rounding', () => {
  const cases: [value: number, decimals: number, expected: number][] = [
    [1e-7, 2, 0],
    [0.0001 / 1000, 2, 0],
    [-1e-7, 1, 0],
    [1.005, 2, 1.01],
    [-1.005, 2, -1.01],
    [2.675, 1, 2.7],
    [2.675, 2, 2.68],
    [0.05, 1, 0.1],
    [1.04999, 1, 1],
    [12.345678, 2, 12.35],
    [123456789.25, 1, 123456789.3],
    [1e21, 1, 1e21],
    [5e-324, 2, 0],
  ];
  for (const [value, decimals, expected] of cases) {
    it(`rounds ${value} at ${decimals} decimals to ${expected}`, () => {
      expect(Object.is(roundTo(value, decimals), expected), String(roundTo(value, decimals))).to.equal(true);
    });
  }
});

describe('GET /api/v1/groups/{group_id}/stats: rounding and custom span', () => {
  const now = new Date('2025-04-30T12:00:00Z');
  const request = () => testApp({ clock: () => now }).request;

  async function groupWith(memberCount: number) {
    const org = await createOrganization();
    const coachId = await org.addUser({ role: 'coach' });
    const coach = await bearer(coachId);
    const members: string[] = [];
    for (let i = 0; i < memberCount; i++) members.push(await org.addUser({ role: 'athlete' }));
    const groupId = await createGroupVia(request(), coach, { name: uniqueName('Span'), user_id: coachId, members });
    return { org, coach, members, groupId };
  }

  it('answers numbers, never null, for values printed in exponent notation', async () => {
    const { org, coach, members, groupId } = await groupWith(2);
    const [tiny, edge] = members as [string, string];
    await addActivity(org.id, tiny, {
      startTime: '2025-04-28T08:00:00Z',
      distance: 0.0001,
      duration: 0.0001,
      vdotLoad: 0.00001,
      nexrexEtePlus: 0.00001,
    });
    await addActivity(org.id, edge, {
      startTime: '2025-04-28T09:00:00Z',
      distance: 1005,
      duration: 3,
      vdotLoad: 2.675,
      nexrexEtePlus: 1e-8,
    });
    const response = await request().get(`/api/v1/groups/${groupId}/stats?timezone=UTC`).set(coach);
    expect(response.status).to.equal(200);
    expect(response.body.summary).to.deep.equal({ total_distance: 1005, total_activities: 2, engagement_rate: 100 });
    const day = response.body.history.find((entry: { date: string }) => entry.date === '2025-04-28');
    expect(day).to.deep.equal({
      date: '2025-04-28',
      formattedDate: '2025-04-28',
      // 0.0001 m = 0.0000001 km; 0.0001 s = 0.0000017 min.
      [tiny]: { distance: 0, duration: 0, vdot_load: 0, nexrex_ete_plus: 0 },
      // 1005 m = 1.005 km → 1.01; 3 s = 0.05 min → 0.1; 2.675 → 2.7.
      [edge]: { distance: 1.01, duration: 0.1, vdot_load: 2.7, nexrex_ete_plus: 0 },
    });
  });

  describe('in America/New_York, whose clocks sprang forward on 2024-03-10 and 2025-03-09', () => {
    const at = (iso: string) => Date.parse(iso) / 1000;
    const stats = async (coach: { Authorization: string }, groupId: string, fromTs: number, toTs: number) =>
      request()
        .get(`/api/v1/groups/${groupId}/stats?range=custom&timezone=America/New_York&from_ts=${fromTs}&to_ts=${toTs}`)
        .set(coach);

    it('refuses 366 × 24 hours from 23:30 local that touch 368 local dates', async () => {
      const { coach, groupId } = await groupWith(0);
      // 2024-03-09 23:30 EST (-05:00) + 366 days = 2025-03-11 00:30 EDT (-04:00): 2024-03-09 … 2025-03-11.
      const fromTs = at('2024-03-10T04:30:00Z');
      const response = await stats(coach, groupId, fromTs, fromTs + 366 * 86_400);
      expect(response.status).to.equal(400);
      expect(response.body.code).to.equal('validation_error');
      expect(response.body.errors.map((error: { path: string }) => error.path)).to.deep.equal(['/query/to_ts']);
    });

    it('answers 367 local dates (366 days after the first), and refuses one second more', async () => {
      const { coach, groupId } = await groupWith(0);
      // 2024-03-10 00:00 EST to 2025-03-11 23:59:59 EDT.
      const fromTs = at('2024-03-10T05:00:00Z');
      const toTs = at('2025-03-12T03:59:59Z');
      const response = await stats(coach, groupId, fromTs, toTs);
      expect(response.status).to.equal(200);
      expect(response.body).to.include({ from: '2024-03-10', to: '2025-03-11' });
      expect(response.body.history).to.have.length(367);
      expect(response.body.history.at(-1).date).to.equal('2025-03-11');
      expectValidationError(await stats(coach, groupId, fromTs, toTs + 1), ['/query/to_ts'], 'one second more');
    });
  });
});
