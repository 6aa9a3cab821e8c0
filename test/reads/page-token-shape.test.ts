// A page token is exactly two dot-separated parts: a valid token with more appended is refused
// over HTTP too (the query schema lets dots through, so the reader decides).
import { expect } from 'chai';
import { bearer, createGroupVia, createOrganization, testApp, uniqueName } from '../support/world.js';

describe('page token shape over HTTP', () => {
  it('refuses a valid next_page_token with ".x" appended', async () => {
    const { request } = testApp();
    const org = await createOrganization();
    const coachId = await org.addUser({ role: 'coach' });
    const coach = await bearer(coachId);
    for (let i = 0; i < 2; i++) await createGroupVia(request, coach, { name: uniqueName('Paged'), user_id: coachId });
    const first = await request.get('/api/v1/groups?page_size=1').set(coach);
    const token: string = first.body.next_page_token;
    expect(token).to.be.a('string');
    expect((await request.get(`/api/v1/groups?page_size=1&page_token=${token}`).set(coach)).status).to.equal(200);
    const appended = await request.get(`/api/v1/groups?page_size=1&page_token=${token}.x`).set(coach);
    expect(appended.status).to.equal(400);
    expect(appended.body.errors).to.deep.equal([
      { path: '/query/page_token', message: 'is invalid or belongs to another request' },
    ]);
  });
});
