// A feed page token is bound to each filter of the request that issued it: another start
// date, end date or sub_type set is refused, while the same sub_types in another order or
// spacing are the same request.
import { expect } from 'chai';
import { addActivity, coachGroupWithAthlete, testApp } from '../support/world.js';

describe('activity feed page tokens and filters', () => {
  it('binds a token to start_date, end_date and the sub_type set, not to their spelling', async () => {
    const { request } = testApp();
    const { org, coach, athlete, groupId } = await coachGroupWithAthlete(request, 'Feed');
    for (const day of ['02', '03', '04']) {
      await addActivity(org.id, athlete, { startTime: `2025-04-${day}T06:00:00Z`, subType: 'tempo' });
      await addActivity(org.id, athlete, { startTime: `2025-04-${day}T07:00:00Z`, subType: 'easy-run' });
    }
    const feed = `/api/v1/groups/${groupId}/activities?limit=1`;
    const tokenFor = async (filters: string) => {
      const response = await request.get(`${feed}&${filters}`).set(coach);
      expect(response.status, filters).to.equal(200);
      expect(response.body.next_page_token, filters).to.be.a('string');
      return response.body.next_page_token as string;
    };
    const statusOf = async (filters: string, token: string) =>
      (await request.get(`${feed}&${filters}&page_token=${token}`).set(coach)).status;

    const byStart = await tokenFor('start_date=2025-04-02');
    expect(await statusOf('start_date=2025-04-02', byStart)).to.equal(200);
    expect(await statusOf('start_date=2025-04-03', byStart)).to.equal(400);
    expect(await statusOf('end_date=2025-04-02', byStart), 'the same date as end_date').to.equal(400);

    const byEnd = await tokenFor('end_date=2025-04-04');
    expect(await statusOf('end_date=2025-04-04', byEnd)).to.equal(200);
    expect(await statusOf('end_date=2025-04-03', byEnd)).to.equal(400);

    const bySubTypes = await tokenFor('sub_type=tempo,easy-run');
    expect(await statusOf('sub_type=easy-run, tempo', bySubTypes), 'same set, other order').to.equal(200);
    expect(await statusOf('sub_type=tempo', bySubTypes)).to.equal(400);

    const reversed = await request.get(`${feed}&start_date=2025-04-04&end_date=2025-04-02`).set(coach);
    expect(reversed.status).to.equal(400);
    expect(reversed.body.errors).to.deep.equal([{ path: '/query/start_date', message: 'must not be after end_date' }]);
  });
});
