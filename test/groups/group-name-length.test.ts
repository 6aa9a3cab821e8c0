// Group name length over HTTP, on both databases: 1 to 100 characters counted in Unicode code
// points after trimming and NFC normalization. The request schema counts code points before
// normalization, so only a name that NFC makes longer reaches the service's own check.
import { expect } from 'chai';
import { coachOfNewOrganization, createGroupVia, testApp, uniqueSuffix } from '../support/world.js';

/** A name of exactly `length` code points, unique per call: a suffix, then `filler` repeated. */
const nameOf = (length: number, filler: string) => {
  const suffix = uniqueSuffix(); // 12 ASCII characters
  return suffix + filler.repeat(length - suffix.length);
};

describe('group name length', () => {
  let request: ReturnType<typeof testApp>['request'];
  let coachId: string;
  let coach: { Authorization: string };

  before(async () => {
    request = testApp().request;
    ({ coachId, coach } = await coachOfNewOrganization());
  });

  const create = (name: string) => request.post('/api/v1/groups').set(coach).send({ name, user_id: coachId });

  it('accepts 100 ASCII characters and refuses 101', async () => {
    const hundred = nameOf(100, 'n');
    const created = await create(hundred);
    expect(created.status).to.equal(200);
    expect((await request.get(`/api/v1/groups/${created.body.group_id}`).set(coach)).body.name).to.equal(hundred);
    const refused = await create(nameOf(101, 'n'));
    expect(refused.status).to.equal(400);
    expect(refused.body.errors.map((error: { path: string }) => error.path)).to.include('/body/name');
  });

  // Needs the code-point count of branch sec-domain: with UTF-16 code units (main before that
  // merge) the 100 code points below are 150 units and answer 400.
  it('counts code points, not UTF-16 units: 100 with emoji are accepted, 101 refused', async () => {
    const hundred = nameOf(100, '🏃'); // 12 ASCII + 88 astral code points = 188 UTF-16 units
    expect([...hundred]).to.have.length(100);
    const created = await create(hundred);
    expect(created.status, created.text).to.equal(200);
    expect((await request.get(`/api/v1/groups/${created.body.group_id}`).set(coach)).body.name).to.equal(hundred);
    const refused = await create(nameOf(101, '🏃'));
    expect(refused.status).to.equal(400);
    expect(refused.body.errors.map((error: { path: string }) => error.path)).to.include('/body/name');
  });

  it('counts after NFC: 100 code points that normalize to 188 are refused on create and on rename', async () => {
    // U+0958 DEVANAGARI LETTER QA is excluded from composition: NFC turns it into two code
    // points (U+0915 U+093C). The request schema sees 100 and passes it to the service.
    const expanding = nameOf(100, '\u0958');
    expect([...expanding.normalize('NFC')]).to.have.length(188);
    const refused = await create(expanding);
    expect(refused.status).to.equal(400);
    expect(refused.body.code).to.equal('validation_error');
    expect(refused.body.errors.map((error: { path: string }) => error.path)).to.deep.equal(['/body/name']);

    const groupId = await createGroupVia(request, coach, { name: nameOf(20, 'g'), user_id: coachId });
    const rename = await request.put(`/api/v1/groups/${groupId}`).set(coach).send({ name: expanding });
    expect(rename.status).to.equal(400);
    expect(rename.body.errors.map((error: { path: string }) => error.path)).to.deep.equal(['/body/name']);
  });
});
