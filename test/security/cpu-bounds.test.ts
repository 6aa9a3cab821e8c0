import { expect } from 'chai';
import { bearer, createOrganization, testApp, testConfig, uniqueName } from '../support/world.js';

// A list over its bound must be refused by its length, without the work that grows with the
// list: with Ajv's allErrors, 25,000 ids (under the 256 kB body limit) still ran the
// quadratic uniqueItems check after maxItems had failed and blocked the event loop for ~2 s.
// How long the refusal takes is the benchmark's (bench/bounds.ts); this is that the check
// behind it does not run.
describe('resource bounds: work per request', () => {
  it('refuses a create with 25,000 member ids by maxItems alone, without running uniqueItems over them', async () => {
    const org = await createOrganization();
    const coachId = await org.addUser({ role: 'coach' });
    const auth = await bearer(coachId);
    const { request } = testApp({ config: { ...testConfig, bodyLimitBytes: 256 * 1024 } });
    // Every id twice: a uniqueItems check that ran would report it.
    const ids = Array.from({ length: 12_500 }, (_, index) => `usr_${index.toString(36)}`);
    const body = JSON.stringify({ name: uniqueName('Huge'), user_id: coachId, members: [...ids, ...ids] });
    expect(body.length).to.be.below(256 * 1024);

    const [health, ...creates] = await Promise.all([
      request.get('/healthz'),
      ...Array.from({ length: 4 }, () =>
        request.post('/api/v1/groups').set(auth).set('Content-Type', 'application/json').send(body),
      ),
    ]);
    for (const create of creates) {
      expect(create.status).to.equal(400);
      expect(create.body.errors).to.deep.equal([
        { path: '/body/members', message: 'must NOT have more than 1000 items' },
      ]);
    }
    expect(health.status).to.equal(200);
  });

  it('reports duplicates in a list within its bound (the check runs where it is cheap)', async () => {
    const org = await createOrganization();
    const coachId = await org.addUser({ role: 'coach' });
    const auth = await bearer(coachId);
    const { request } = testApp();
    const response = await request
      .post('/api/v1/groups')
      .set(auth)
      .send({ name: uniqueName('Twice'), user_id: coachId, members: ['usr_a', 'usr_a'] });
    expect(response.status).to.equal(400);
    expect(response.body.errors).to.have.length(1);
    expect(response.body.errors[0]).to.include({ path: '/body/members' });
    expect(response.body.errors[0].message).to.match(/duplicate items/);
  });
});
