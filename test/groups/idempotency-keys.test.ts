// Idempotency-Key on POST /api/v1/groups: a replay answers the first answer and creates
// nothing; another body is 422; a key still in flight is 409; keys belong to their caller,
// expire after 24 hours and only successes are remembered.
import { expect } from 'chai';
import {
  abandonedAfterMs,
  canonicalJson,
  keyLifetimeMs,
  purgeBatchSize,
  requestFingerprint,
} from '../../src/domain/idempotency.js';
import { idempotencyKeyHash } from '../../src/data/idempotency-key-hash.js';
import { claimKeyInTransaction } from '../../src/data/idempotency-repository.js';
import { dialect } from '../support/database.js';
import { expectValidationError } from '../support/problems.js';
import { bearer, createOrganization, db, testApp, uniqueName, uniqueSuffix } from '../support/world.js';

type Agent = ReturnType<typeof testApp>['request'];

describe('groups: idempotent creates', () => {
  let request: Agent;
  let orgId: string;
  let coachId: string;
  let coach: { Authorization: string };
  let otherCoach: { Authorization: string };

  before(async () => {
    request = testApp().request;
    const org = await createOrganization();
    orgId = org.id;
    coachId = await org.addUser({ role: 'coach' });
    coach = await bearer(coachId);
    otherCoach = await bearer(await org.addUser({ role: 'coach' }));
  });

  const groupsNamed = async (name: string) =>
    (await db()('groups').select('id').where({ org_id: orgId, name })).map((row: { id: string }) => row.id);
  // express-openapi-validator's name for the header (If-Match's own check says `/header/If-Match`).
  const idempotencyKeyPath = '/headers/idempotency-key';
  const newKey = () => `"${uniqueSuffix()}-${uniqueSuffix()}"`;
  /** POST /api/v1/groups with an Idempotency-Key, by the coach through `request` unless told otherwise. */
  const createWithKey = (
    key: string,
    body: Record<string, unknown>,
    { agent = request, caller = coach }: { agent?: Agent; caller?: { Authorization: string } } = {},
  ) => agent.post('/api/v1/groups').set(caller).set('Idempotency-Key', key).send(body);

  it('answers a replay with the first answer (status, body, ETag) and creates one group', async () => {
    const name = uniqueName('Idempotent');
    const key = newKey();
    const first = await createWithKey(key, { name, user_id: coachId, privacy: 'private' });
    expect(first.status).to.equal(200);
    expect(first.headers).to.not.have.property('idempotent-replayed');
    // Key order differs; the body is the same.
    const again = await createWithKey(key, { privacy: 'private', user_id: coachId, name });
    expect(again.status).to.equal(200);
    expect(again.body).to.deep.equal(first.body);
    expect(again.headers.etag).to.equal(first.headers.etag);
    expect(again.headers['idempotent-replayed']).to.equal('true');
    expect(await groupsNamed(name)).to.deep.equal([first.body.group_id]);
    const audit = await request.get(`/api/v1/groups/${first.body.group_id}/audit`).set(coach);
    expect(audit.body.events.map((event: { action: string }) => event.action)).to.deep.equal(['group.created']);
  });

  it('treats the bare and the quoted spelling of a key as one key', async () => {
    const name = uniqueName('Spelling');
    const bare = `${uniqueSuffix()}${uniqueSuffix()}`;
    const first = await createWithKey(bare, { name, user_id: coachId });
    const quoted = await createWithKey(`"${bare}"`, { name, user_id: coachId });
    expect(quoted.status).to.equal(200);
    expect(quoted.body.group_id).to.equal(first.body.group_id);
    expect(quoted.headers['idempotent-replayed']).to.equal('true');
    expect(await groupsNamed(name)).to.deep.equal([first.body.group_id]);
  });

  it('answers 422 idempotency_key_reused to the same key with another body, and creates nothing', async () => {
    const key = newKey();
    const name = uniqueName('Reused');
    await createWithKey(key, { name, user_id: coachId });
    const other = uniqueName('Other body');
    const reused = await createWithKey(key, { name: other, user_id: coachId });
    expect(reused.status).to.equal(422);
    expect(reused.type).to.equal('application/problem+json');
    expect(reused.body).to.include({ status: 422, code: 'idempotency_key_reused' });
    expect(await groupsNamed(other)).to.deep.equal([]);
  });

  it('tells keys apart byte for byte: a trailing space or another letter case is another key', async () => {
    const base = `${uniqueSuffix()}-Key`;
    const spellings = [`"${base}"`, `"${base} "`, `"${base}  "`, `"${base.toLowerCase()}"`, `"${base.toUpperCase()}"`];
    const names = spellings.map(() => uniqueName('Exact key'));
    const answers = [];
    for (const [index, key] of spellings.entries())
      answers.push(await createWithKey(key, { name: names[index], user_id: coachId }));
    expect(answers.map((answer) => answer.status)).to.deep.equal(Array(spellings.length).fill(200));
    expect(answers.map((answer) => answer.headers['idempotent-replayed'])).to.deep.equal(
      Array(spellings.length).fill(undefined),
    );
    expect(new Set(answers.map((answer) => answer.body.group_id)).size).to.equal(spellings.length);
    for (const name of names) expect(await groupsNamed(name)).to.have.length(1);
    // Each spelling still replays its own first answer.
    const replay = await createWithKey(spellings[1]!, { name: names[1], user_id: coachId });
    expect(replay.headers['idempotent-replayed']).to.equal('true');
    expect(replay.body.group_id).to.equal(answers[1]!.body.group_id);
  });

  it('refuses a key outside printable ASCII, so that no Unicode normalization form can make two keys one', async () => {
    for (const key of ['"caf\u00e9"', '"cafe\u0301"']) {
      const refused = await request
        .post('/api/v1/groups')
        .set(coach)
        .set('Idempotency-Key', Buffer.from(key, 'utf8').toString('latin1'))
        .send({ name: uniqueName('Unicode key'), user_id: coachId });
      expectValidationError(refused, [idempotencyKeyPath], key);
    }
  });

  const pendingClaim = (key: string, body: Record<string, unknown>, createdAt: Date) =>
    db()('idempotency_keys').insert({
      org_id: orgId,
      user_id: coachId,
      idempotency_key: key.slice(1, -1),
      key_hash: idempotencyKeyHash(key.slice(1, -1)),
      request_hash: requestFingerprint('createGroup', body),
      response_status: null,
      response: null,
      created_at: createdAt,
      expires_at: new Date(createdAt.getTime() + keyLifetimeMs),
    });

  it('answers 409 in use while another request holds the key in its transaction, and runs afresh once that rolled back (MySQL)', async function () {
    // SQLite's one connection would be the test's own: the request could not even start.
    if (dialect !== 'mysql') this.skip();
    const key = newKey();
    const name = uniqueName('Claimed in a transaction');
    const body = { name, user_id: coachId, privacy: 'public' };
    const now = new Date();
    // Another request's claim, as it stands while its create runs: written, not committed.
    const trx = await db().transaction();
    try {
      expect(
        await claimKeyInTransaction(
          trx,
          { orgId, userId: coachId, key: key.slice(1, -1) },
          {
            requestHash: requestFingerprint('createGroup', body),
            createdAt: now,
            expiresAt: new Date(now.getTime() + keyLifetimeMs),
          },
        ),
      ).to.equal(true);
      const inFlight = await createWithKey(key, body);
      expect(inFlight.status, inFlight.text).to.equal(409);
      expect(inFlight.body).to.include({ code: 'idempotency_key_in_use' });
      expect(inFlight.headers['retry-after']).to.equal('1');
    } finally {
      // Its process died: the connection's rollback frees the key at once.
      await trx.rollback();
    }
    const retried = await createWithKey(key, body);
    expect(retried.status, retried.text).to.equal(200);
    expect(retried.headers).to.not.have.property('idempotent-replayed');
    expect(await groupsNamed(name)).to.deep.equal([retried.body.group_id]);
  });

  it('answers 409 idempotency_key_in_use with Retry-After to a pending claim an earlier version committed', async () => {
    const key = newKey();
    const name = uniqueName('In flight');
    // A claim as versions before this one committed it while their create ran (privacy: its default).
    await pendingClaim(key, { name, user_id: coachId, privacy: 'public' }, new Date());
    const inFlight = await createWithKey(key, { name, user_id: coachId });
    expect(inFlight.status).to.equal(409);
    expect(inFlight.body).to.include({ status: 409, code: 'idempotency_key_in_use' });
    expect(inFlight.headers['retry-after']).to.equal('1');
    expect(await groupsNamed(name)).to.deep.equal([]);
  });

  it('takes over a claim abandoned for longer than a minute (its process died) and creates the group', async () => {
    const key = newKey();
    const name = uniqueName('Abandoned');
    await pendingClaim(
      key,
      { name, user_id: coachId, privacy: 'public' },
      new Date(Date.now() - abandonedAfterMs - 5000),
    );
    const retried = await createWithKey(key, { name, user_id: coachId });
    expect(retried.status).to.equal(200);
    expect(await groupsNamed(name)).to.deep.equal([retried.body.group_id]);
  });

  it('takes over an abandoned claim only once it is more than a minute old', async () => {
    const now = new Date('2026-05-01T08:00:00Z');
    const pinned = testApp({ clock: () => now }).request;
    const key = newKey();
    const name = uniqueName('Just abandoned');
    const body = { name, user_id: coachId, privacy: 'public' };
    await pendingClaim(key, body, new Date(now.getTime() - abandonedAfterMs));
    const atTheMinute = await createWithKey(key, body, { agent: pinned });
    expect(atTheMinute.status).to.equal(409);
    expect(atTheMinute.body).to.include({ code: 'idempotency_key_in_use' });
    now.setTime(now.getTime() + 1);
    const past = await createWithKey(key, body, { agent: pinned });
    expect(past.status).to.equal(200);
    expect(await groupsNamed(name)).to.deep.equal([past.body.group_id]);
  });

  it('lets one of two retries racing for an abandoned claim take it over, and creates one group', async () => {
    const now = new Date('2026-05-02T08:00:00Z');
    const pinned = testApp({ clock: () => now }).request;
    for (let attempt = 0; attempt < 5; attempt++) {
      const key = newKey();
      const name = uniqueName('Race for the claim');
      const body = { name, user_id: coachId, privacy: 'public' };
      await pendingClaim(key, body, new Date(now.getTime() - abandonedAfterMs - 1000));
      const answers = await Promise.all([0, 1].map(() => createWithKey(key, body, { agent: pinned })));
      const outcomes = answers.map((answer) => `${answer.status} ${answer.body.code ?? ''}`.trim()).sort();
      // The loser finds the winner's fresh claim in flight (409) or its answer (a 200 replay).
      expect([
        ['200', '200'],
        ['200', '409 idempotency_key_in_use'],
      ]).to.deep.include(outcomes);
      const created = answers.find((answer) => answer.status === 200)!.body.group_id;
      expect(await groupsNamed(name)).to.deep.equal([created]);
    }
  });

  it('answers 409 in use to one of two concurrent creates with one key, and creates one group', async () => {
    const key = newKey();
    const name = uniqueName('Concurrent');
    const answers = await Promise.all([0, 1].map(() => createWithKey(key, { name, user_id: coachId })));
    const statuses = answers.map((answer) => answer.status).sort();
    // The second either finds the first in flight (409) or already done (a 200 replay).
    expect([
      [200, 200],
      [200, 409],
    ]).to.deep.include(statuses);
    expect(await groupsNamed(name)).to.have.length(1);
  });

  it('keeps keys per caller: another user with the same key creates their own group', async () => {
    const key = newKey();
    const mine = await createWithKey(key, { name: uniqueName('Mine'), user_id: coachId });
    const theirs = await createWithKey(key, { name: uniqueName('Theirs'), user_id: coachId }, { caller: otherCoach });
    expect(theirs.status).to.equal(200);
    expect(theirs.body.group_id).to.not.equal(mine.body.group_id);
    expect(theirs.headers).to.not.have.property('idempotent-replayed');
  });

  it('remembers only successes: a create that failed (409 name taken) runs afresh on retry with the key', async () => {
    const name = uniqueName('Taken');
    const holder = await request.post('/api/v1/groups').set(coach).send({ name, user_id: coachId });
    const key = newKey();
    const clash = await createWithKey(key, { name, user_id: coachId });
    expect(clash.status).to.equal(409);
    expect(clash.body.code).to.equal('group_name_taken');
    await request.delete(`/api/v1/groups/${holder.body.group_id}`).set(coach);
    const retried = await createWithKey(key, { name, user_id: coachId });
    expect(retried.status).to.equal(200);
    expect(retried.headers).to.not.have.property('idempotent-replayed');
    expect(await groupsNamed(name)).to.deep.equal([retried.body.group_id]);
  });

  it('forgets a key after 24 hours and purges expired keys of the organization', async () => {
    let now = new Date('2026-03-01T08:00:00Z');
    const pinned = testApp({ clock: () => now }).request;
    const key = newKey();
    const first = await createWithKey(key, { name: uniqueName('Day one'), user_id: coachId }, { agent: pinned });
    expect(first.status).to.equal(200);
    now = new Date(now.getTime() + keyLifetimeMs - 1000);
    const replay = await createWithKey(key, { name: uniqueName('Another body'), user_id: coachId }, { agent: pinned });
    expect(replay.status).to.equal(422);
    expect(replay.body.code).to.equal('idempotency_key_reused');
    now = new Date(now.getTime() + 2000);
    const fresh = await createWithKey(key, { name: uniqueName('Day two'), user_id: coachId }, { agent: pinned });
    expect(fresh.status).to.equal(200);
    expect(fresh.body.group_id).to.not.equal(first.body.group_id);

    // An expired key of another user of the organization is purged by the next claim.
    await db()('idempotency_keys').insert({
      org_id: orgId,
      user_id: 'usr_gone',
      idempotency_key: 'expired',
      key_hash: idempotencyKeyHash('expired'),
      request_hash: 'x',
      response_status: 200,
      response: '{}',
      created_at: new Date(now.getTime() - 2 * keyLifetimeMs),
      expires_at: new Date(now.getTime() - keyLifetimeMs),
    });
    await createWithKey(newKey(), { name: uniqueName('Purge'), user_id: coachId }, { agent: pinned });
    expect(await db()('idempotency_keys').where({ org_id: orgId, user_id: 'usr_gone' })).to.deep.equal([]);
  });

  it('reuses a key expiring this instant even when more expired keys wait than one purge removes', async () => {
    const now = new Date('2026-05-03T08:00:00Z');
    const pinned = testApp({ clock: () => now }).request;
    const org = await createOrganization();
    const ownerId = await org.addUser({ role: 'coach' });
    const backlog = Array.from({ length: purgeBatchSize }, (_, index) => ({
      org_id: org.id,
      user_id: 'usr_backlog',
      idempotency_key: `old-${index}`,
      key_hash: idempotencyKeyHash(`old-${index}`),
      request_hash: 'x',
      response_status: 200,
      response: '{}',
      created_at: new Date(now.getTime() - 2 * keyLifetimeMs),
      expires_at: new Date(now.getTime() - keyLifetimeMs + index),
    }));
    await db()('idempotency_keys').insert(backlog);
    const key = newKey();
    await db()('idempotency_keys').insert({
      org_id: org.id,
      user_id: ownerId,
      idempotency_key: key.slice(1, -1),
      key_hash: idempotencyKeyHash(key.slice(1, -1)),
      request_hash: requestFingerprint('createGroup', { name: 'Yesterday' }),
      response_status: 200,
      response: JSON.stringify({ body: { group_id: 'grp_yesterday' }, etag: '"v1"' }),
      created_at: new Date(now.getTime() - keyLifetimeMs),
      expires_at: now,
    });
    const name = uniqueName('Today');
    const fresh = await createWithKey(
      key,
      { name, user_id: ownerId },
      { agent: pinned, caller: await bearer(ownerId) },
    );
    expect(fresh.status).to.equal(200);
    expect(fresh.body.group_id).to.not.equal('grp_yesterday');
    expect(fresh.headers).to.not.have.property('idempotent-replayed');
    const remaining = await db()('idempotency_keys').where({ org_id: org.id, user_id: 'usr_backlog' }).count('* as n');
    expect(Number(remaining[0]!.n)).to.equal(0);
  });

  it('keeps the canonical JSON and the fingerprint of earlier releases, so stored keys stay valid', () => {
    expect(canonicalJson({ b: [1, 'x', { d: null, c: true }], a: 1.5, skipped: undefined, é: 'ü', B: 2 })).to.equal(
      '{"B":2,"a":1.5,"b":[1,"x",{"c":true,"d":null}],"é":"ü"}',
    );
    expect(requestFingerprint('createGroup', { user_id: 'usr_1', privacy: 'public', name: 'Tuesday speed' })).to.equal(
      '93074883bef9846c74ea608cb075a89f3961a5717747f40f27c3d9a534306ec4',
    );
  });

  it('fingerprints bodies by their canonical JSON: key order does not matter, values do', () => {
    const fingerprint = (body: unknown) => requestFingerprint('createGroup', body);
    expect(fingerprint({ a: 1, b: { d: [1, { f: 2, e: 3 }], c: null } })).to.equal(
      fingerprint({ b: { c: null, d: [1, { e: 3, f: 2 }] }, a: 1 }),
    );
    expect(fingerprint({ members: ['a', 'b'] })).to.not.equal(fingerprint({ members: ['b', 'a'] }));
    expect(requestFingerprint('createGroup', {})).to.not.equal(requestFingerprint('updateGroup', {}));
  });

  it('refuses a key that is not printable ASCII or longer than 200 characters with 400', async () => {
    for (const key of ['"with\ttab"', 'x'.repeat(201), '""']) {
      const name = uniqueName('Bad key');
      const response = await createWithKey(key, { name, user_id: coachId });
      expectValidationError(response, [idempotencyKeyPath], key);
      expect(response.body.errors[0].message, key).to.match(/^must match pattern/);
      expect(await groupsNamed(name), key).to.deep.equal([]);
    }
  });
});
