import { expect } from 'chai';
import { addActivity, bearer, createGroupVia, createOrganization, testApp, uniqueName } from '../support/world.js';

// Ajv turns `Infinity` and overflowing numerals into non-finite numbers that passed
// `type: integer` with `minimum`/`maximum`: the feed returned everything, the group list a 500.
describe('non-finite numbers in the query string', () => {
  const nonFinite = ['Infinity', '-Infinity', '1e309', '-1e309', '+Infinity'];
  let request: ReturnType<typeof testApp>['request'];
  let auth: { Authorization: string };
  let groupId: string;
  let newestActivityId: string;

  before(async () => {
    request = testApp().request;
    const org = await createOrganization();
    const coachId = await org.addUser({ role: 'coach' });
    const athleteId = await org.addUser({ role: 'athlete' });
    auth = await bearer(coachId);
    groupId = await createGroupVia(request, auth, {
      name: uniqueName('Finite'),
      user_id: coachId,
      members: [athleteId],
    });
    await addActivity(org.id, athleteId, { startTime: '2025-04-01T07:00:00Z' });
    newestActivityId = await addActivity(org.id, athleteId, { startTime: '2025-04-02T07:00:00Z' });
  });

  async function expectRefused(path: string, parameter: string) {
    const response = await request.get(path).set(auth);
    expect(response.status, `${path}: ${response.text}`).to.equal(400);
    expect(response.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(response.body.code).to.equal('validation_error');
    expect(response.body.errors).to.deep.include({ path: `/query/${parameter}`, message: 'must be a finite number' });
  }

  it('answers 400 to a non-finite page_size of the group list', async () => {
    for (const value of nonFinite)
      await expectRefused(`/api/v1/groups?page_size=${encodeURIComponent(value)}`, 'page_size');
  });

  it('answers 400 to a non-finite limit of the activity feed', async () => {
    for (const value of nonFinite)
      await expectRefused(`/api/v1/groups/${groupId}/activities?limit=${encodeURIComponent(value)}`, 'limit');
  });

  it('answers 400 to a non-finite page_size of the audit log', async () => {
    for (const value of nonFinite)
      await expectRefused(`/api/v1/groups/${groupId}/audit?page_size=${encodeURIComponent(value)}`, 'page_size');
  });

  it('answers 400 to a non-finite from_ts or to_ts of the stats', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const value of nonFinite) {
      const encoded = encodeURIComponent(value);
      await expectRefused(`/api/v1/groups/${groupId}/stats?range=custom&from_ts=${encoded}&to_ts=${now}`, 'from_ts');
      await expectRefused(
        `/api/v1/groups/${groupId}/stats?range=custom&from_ts=${now - 86400}&to_ts=${encoded}`,
        'to_ts',
      );
    }
  });

  it('still accepts finite numbers at the bounds', async () => {
    const groups = await request.get('/api/v1/groups?page_size=100').set(auth);
    expect(groups.status).to.equal(200);
    expect(groups.body.groups.map((group: { group_id: string }) => group.group_id)).to.deep.equal([groupId]);
    const feed = await request.get(`/api/v1/groups/${groupId}/activities?limit=1`).set(auth);
    expect(feed.status).to.equal(200);
    expect(feed.body.activities.map((activity: { activity_id: string }) => activity.activity_id)).to.deep.equal([
      newestActivityId,
    ]);
    expect(feed.body.next_page_token).to.be.a('string');
  });
});
