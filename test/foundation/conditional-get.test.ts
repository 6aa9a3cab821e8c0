// Only the HTTP semantics openapi.yaml declares: the group's own ETag, and no automatic weak
// ETags or 304 answers anywhere (the spec declares no 304 for any operation).
import { expect } from 'chai';
import { coachGroupWithAthlete, testApp } from '../support/world.js';

describe('conditional GET: only what the spec declares', () => {
  it('sends no ETag on lists, feed, stats, audit or errors, and answers If-None-Match with 200 and the body', async () => {
    const { request } = testApp();
    const { coach: auth, groupId } = await coachGroupWithAthlete(request, 'conditional');
    for (const path of [
      '/api/v1/groups',
      `/api/v1/groups/${groupId}/activities`,
      `/api/v1/groups/${groupId}/stats`,
      `/api/v1/groups/${groupId}/audit`,
      '/api/v1/groups/grp_doesnotexist0000000',
    ]) {
      const first = await request.get(path).set(auth);
      expect(first.headers, path).to.not.have.property('etag');
      const again = await request.get(path).set(auth).set('If-None-Match', '*');
      expect(again.status, path).to.equal(first.status);
      expect({ ...again.body, request_id: undefined }, path).to.deep.equal({ ...first.body, request_id: undefined });
    }
  });

  it("answers a group's GET with 200 and its body even when If-None-Match names its current ETag", async () => {
    const { request } = testApp();
    const { coach: auth, groupId } = await coachGroupWithAthlete(request, 'conditional');
    const first = await request.get(`/api/v1/groups/${groupId}`).set(auth);
    expect(first.headers.etag).to.equal('"v1"');
    const again = await request.get(`/api/v1/groups/${groupId}`).set(auth).set('If-None-Match', '"v1"');
    expect(again.status).to.equal(200);
    expect(again.body).to.deep.equal(first.body);
    expect(again.headers.etag).to.equal('"v1"');
  });

  it('sends no ETag with a 412 answer', async () => {
    const { request } = testApp();
    const { coach, groupId } = await coachGroupWithAthlete(request, 'conditional');
    const stale = await request
      .put(`/api/v1/groups/${groupId}`)
      .set(coach)
      .set('If-Match', '"v9"')
      .send({ description: 'late' });
    expect(stale.status).to.equal(412);
    expect(stale.headers).to.not.have.property('etag');
  });
});
