// Membership replacement under contention: concurrent PUTs serialize on the group row, and
// the audit trail, replayed from empty, reproduces the final member list exactly.
import { expect } from 'chai';
import { bearer, createGroupVia, createOrganization, testApp, uniqueName } from '../support/world.js';

function replay(events: { action: string; subject_user_id: string | null }[]): string[] {
  const members = new Set<string>();
  for (const event of events) {
    if (event.action === 'member.added') {
      expect(members.has(event.subject_user_id!), `duplicate add of ${event.subject_user_id}`).to.equal(false);
      members.add(event.subject_user_id!);
    }
    if (event.action === 'member.removed') {
      expect(members.has(event.subject_user_id!), `removal of absent ${event.subject_user_id}`).to.equal(true);
      members.delete(event.subject_user_id!);
    }
  }
  return [...members].sort();
}

describe('concurrent changes', () => {
  it('20 parallel PUTs leave exactly one submitted member list, and the audit replay reproduces it', async function () {
    this.timeout(60_000);
    const { request } = testApp();
    const org = await createOrganization();
    const coachId = await org.addUser({ role: 'coach' });
    const coach = await bearer(coachId);
    const athletes: string[] = [];
    for (let i = 0; i < 30; i++) athletes.push(await org.addUser({ role: 'athlete' }));
    const groupId = await createGroupVia(request, coach, {
      name: uniqueName('Contended'),
      user_id: coachId,
      members: athletes.slice(0, 10),
    });

    // Deterministic, distinct lists: list i holds the athletes whose index has bit (i % 5) set, shifted by i.
    const lists = Array.from({ length: 20 }, (_, i) =>
      athletes.filter((_, index) => (index + i) % 3 === 0 || (index * (i + 1)) % 7 === 1).sort(),
    );
    expect(new Set(lists.map((list) => list.join())).size).to.be.greaterThan(10);

    const responses = await Promise.all(
      lists.map((members) => request.put(`/api/v1/groups/${groupId}`).set(coach).send({ members })),
    );
    // On a loaded machine a PUT may wait for the row lock past the statement timeout: then it
    // answers 503 with Retry-After and changes nothing, which is what the SDK retries.
    for (const response of responses.filter((r) => r.status !== 200)) {
      expect(response.status).to.equal(503);
      expect(response.headers['retry-after']).to.match(/^\d+$/);
    }
    const applied = lists.filter((_, i) => responses[i]!.status === 200).map((list) => list.join());
    expect(applied, 'at least one PUT applied').to.have.length.above(0);

    const final: string[] = (await request.get(`/api/v1/groups/${groupId}`).set(coach)).body.members;
    expect(applied).to.include(final.join());

    const events: { action: string; subject_user_id: string | null }[] = [];
    let token: string | null = null;
    do {
      const page: { body: { events: typeof events; next_page_token: string | null } } = await request
        .get(`/api/v1/groups/${groupId}/audit?page_size=100${token ? `&page_token=${token}` : ''}`)
        .set(coach);
      events.push(...page.body.events);
      token = page.body.next_page_token;
    } while (token);
    expect(replay(events.reverse())).to.deep.equal(final);
  });

  it('10 parallel creates with the same name give one 200 and nine 409', async () => {
    const { request } = testApp();
    const org = await createOrganization();
    const coachId = await org.addUser({ role: 'coach' });
    const coach = await bearer(coachId);
    const name = uniqueName('Race');
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        request
          .post('/api/v1/groups')
          .set(coach)
          .send({ name: i % 2 ? name.toUpperCase() : name, user_id: coachId }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).to.deep.equal([200, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    for (const response of responses.filter((r) => r.status === 409))
      expect(response.body.code).to.equal('group_name_taken');
    const list = await request.get('/api/v1/groups').set(coach);
    expect(list.body.groups).to.have.length(1);
  });
});
