// The SDK against a live server: concurrent updateMembers from two clients both land; a create
// whose answer is lost is retried with its Idempotency-Key and creates one group; a delete
// whose answer is lost is reported as the success it was. The races are forced, not left to
// timing: every writer's first PUT waits until all of them have read the group, so all write
// against the same version and all but one must meet a 412 and go round again.
import { expect } from 'chai';
import { createGroupsClient, GroupsApiError } from '../../sdk/src/index.js';
import type { RunningServer } from '../../src/server.js';
import { liveServer } from '../support/live-server.js';
import { dialect } from '../support/database.js';
import { createOrganization, db, tokenFor, uniqueName } from '../support/world.js';

/** A fetch that delivers requests but loses the answers the test picks (the connection dropped). */
function losingFetch(lose: (request: Request, response: Response) => boolean) {
  const sent: Request[] = [];
  const fetchImpl = (async (input: Parameters<typeof fetch>[0]) => {
    const request = input as Request;
    sent.push(request.clone());
    const response = await fetch(request);
    if (lose(request, response)) {
      await response.body?.cancel();
      throw new TypeError('fetch failed: the connection was reset');
    }
    return response;
  }) as typeof fetch;
  return { sent, fetchImpl };
}

/**
 * A fetch that holds every PUT until `writers` GETs have been answered (each writer's first read),
 * so that the writers' first PUTs all carry the same ETag; it counts the PUTs answered 412.
 */
function racingFetch(writers: number) {
  let reads = 0;
  let preconditionFailures = 0;
  let allHaveRead!: () => void;
  const everyoneRead = new Promise<void>((resolve) => (allHaveRead = resolve));
  const fetchImpl = (async (input: Parameters<typeof fetch>[0]) => {
    const request = input as Request;
    if (request.method === 'PUT') await everyoneRead;
    const response = await fetch(request);
    if (request.method === 'GET' && response.ok && ++reads === writers) allHaveRead();
    if (request.method === 'PUT' && response.status === 412) preconditionFailures += 1;
    return response;
  }) as typeof fetch;
  return { fetchImpl, preconditionFailures: () => preconditionFailures };
}

describe(`SDK: concurrency and idempotency on a live server (${dialect})`, function () {
  this.timeout(60_000);
  let running: RunningServer;
  let coachId: string;
  let coachToken: string;
  let otherCoachToken: string;
  let athletes: string[];

  before(async () => {
    running = await liveServer();
    const org = await createOrganization();
    coachId = await org.addUser({ role: 'coach' });
    coachToken = await tokenFor(coachId);
    otherCoachToken = await tokenFor(await org.addUser({ role: 'coach' }));
    athletes = [];
    for (let i = 0; i < 12; i++) athletes.push(await org.addUser());
  });

  after(async () => {
    await running?.stop();
  });

  const client = (token: string, fetchImpl?: typeof fetch) =>
    createGroupsClient({
      baseUrl: running.url,
      token,
      retries: { baseDelayMs: 5, maxDelayMs: 50 },
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    });

  it('lands every addition when two coaches call updateMembers on one group at once', async () => {
    const coachA = client(coachToken);
    const { group_id: groupId } = await coachA.createGroup({
      name: uniqueName('Shared'),
      user_id: coachId,
      privacy: 'public',
      members: [athletes[0]!],
    });
    // The case: two coaches, one addition each, at once, with the default options.
    const pairRace = racingFetch(2);
    const pair = await Promise.all([
      client(coachToken, pairRace.fetchImpl).updateMembers(groupId, { add: [athletes[11]!] }),
      client(otherCoachToken, pairRace.fetchImpl).updateMembers(groupId, { add: [athletes[10]!] }),
    ]);
    expect(pair.map((result) => result.status)).to.deep.equal(['success', 'success']);
    // Both wrote against the version they both read: one got the 412, read again and wrote.
    expect(pair.map((result) => result.attempts).sort()).to.deep.equal([1, 2]);
    expect(pairRace.preconditionFailures()).to.equal(1);
    expect((await coachA.getGroup(groupId)).members).to.deep.equal([athletes[0]!, athletes[10]!, athletes[11]!].sort());
    await coachA.updateMembers(groupId, { remove: [athletes[10]!, athletes[11]!] });

    const fromA = athletes.slice(1, 6);
    const fromB = athletes.slice(6, 11);
    // Each coach adds five athletes one call at a time, both coaches at once.
    const race = racingFetch(10);
    const racingA = client(coachToken, race.fetchImpl);
    const racingB = client(otherCoachToken, race.fetchImpl);
    const results = await Promise.all([
      Promise.all(fromA.map((id) => racingA.updateMembers(groupId, { add: [id] }, { maxAttempts: 20 }))),
      Promise.all(fromB.map((id) => racingB.updateMembers(groupId, { add: [id] }, { maxAttempts: 20 }))),
    ]);
    const group = await coachA.getGroupWithETag(groupId);
    expect(group.data.members).to.deep.equal([athletes[0]!, ...fromA, ...fromB].sort());
    const rounds = results.flat().map((result) => result.attempts);
    // Ten writers of one version: one wins the first round, nine meet a 412 and go round again,
    // and every further round is one 412 more.
    expect(rounds.filter((round) => round === 1)).to.have.length(1);
    expect(race.preconditionFailures()).to.equal(rounds.reduce((sum, round) => sum + round, 0) - rounds.length);
    const added = [];
    for await (const event of coachA.iterateGroupAuditEvents(groupId))
      if (event.action === 'member.added') added.push(event.subject_user_id);
    // Every addition once, the pair's two included (athletes[10] joined twice).
    expect(added.sort()).to.deep.equal([athletes[0]!, athletes[10]!, athletes[11]!, ...fromA, ...fromB].sort());
    console.log(`      updateMembers: 10 concurrent additions, rounds per call ${JSON.stringify(rounds)}`);
  });

  it('removes with { remove }, and with a function; a change that is already in place writes nothing', async () => {
    const sdk = client(coachToken);
    const created = await sdk.createGroupWithETag({
      name: uniqueName('Remove'),
      user_id: coachId,
      privacy: 'public',
      members: athletes.slice(0, 3),
    });
    expect(created.etag).to.equal('"v1"');
    const removed = await sdk.updateMembers(created.data.group_id, { remove: [athletes[0]!] });
    expect(removed).to.include({ status: 'success', etag: '"v2"', attempts: 1 });
    expect(removed.members).to.deep.equal(athletes.slice(1, 3).sort());
    const kept = await sdk.updateMembers(created.data.group_id, (members) =>
      members.filter((id) => id !== athletes[1]),
    );
    expect(kept.members).to.deep.equal([athletes[2]]);
    const again = await sdk.updateMembers(created.data.group_id, { add: [athletes[2]!] });
    expect(again.etag).to.equal('"v3"');
  });

  it('answers a stale ifMatch on updateGroup and deleteGroup with the 412 GroupsApiError', async () => {
    const sdk = client(coachToken);
    const { data, etag } = await sdk.createGroupWithETag({
      name: uniqueName('Stale'),
      user_id: coachId,
      privacy: 'public',
    });
    await sdk.updateGroup(data.group_id, { description: 'moved on' }, { ifMatch: etag });
    const stale = await sdk.updateGroup(data.group_id, { description: 'lost' }, { ifMatch: etag }).catch((e) => e);
    expect(stale).to.be.instanceOf(GroupsApiError);
    expect(stale).to.include({ status: 412, code: 'precondition_failed' });
    const staleDelete = await sdk.deleteGroup(data.group_id, { ifMatch: etag }).catch((e) => e);
    expect(staleDelete).to.include({ status: 412, code: 'precondition_failed' });
  });

  it('gives up updateMembers after maxAttempts rounds that each met a concurrent change, with the 412', async () => {
    const other = client(otherCoachToken);
    const { group_id: groupId } = await other.createGroup({
      name: uniqueName('Busy'),
      user_id: coachId,
      privacy: 'public',
    });
    let puts = 0;
    // Before each of this client's writes reaches the server, another coach changes the group.
    const interfering = (async (input: Parameters<typeof fetch>[0]) => {
      const request = input as Request;
      if (request.method === 'PUT') {
        puts += 1;
        await other.updateGroup(groupId, { description: `interference ${puts}` });
      }
      return fetch(request);
    }) as typeof fetch;
    const failed = await client(coachToken, interfering)
      .updateMembers(groupId, { add: [athletes[0]!] }, { maxAttempts: 3 })
      .catch((e) => e);
    expect(failed).to.be.instanceOf(GroupsApiError);
    expect(failed).to.include({ status: 412, code: 'precondition_failed' });
    expect(puts).to.equal(3);
    expect((await other.getGroup(groupId)).members).to.deep.equal([]);
  });

  it('retries a create whose answer was lost with the same Idempotency-Key: one group, the first answer', async () => {
    let lostOnce = false;
    const { sent, fetchImpl } = losingFetch((request) => {
      if (request.method !== 'POST' || lostOnce) return false;
      lostOnce = true;
      return true;
    });
    const name = uniqueName('Lost answer');
    const created = await client(coachToken, fetchImpl).createGroup({ name, user_id: coachId, privacy: 'public' });
    expect(created.status).to.equal('success');
    const keys = sent.map((request) => request.headers.get('idempotency-key'));
    expect(keys).to.have.length(2);
    expect(keys[0]).to.match(/^"[0-9a-f-]{36}"$/);
    expect(keys[1]).to.equal(keys[0]);
    const rows = await db()('groups').select('id').where({ name });
    expect(rows.map((row: { id: string }) => row.id)).to.deep.equal([created.group_id]);
  });

  it('sends a new key per create, and a given idempotencyKey as is', async () => {
    const { sent, fetchImpl } = losingFetch(() => false);
    const sdk = client(coachToken, fetchImpl);
    await sdk.createGroup({ name: uniqueName('Key one'), user_id: coachId, privacy: 'public' });
    await sdk.createGroup(
      { name: uniqueName('Key two'), user_id: coachId, privacy: 'public' },
      { idempotencyKey: 'order-42' },
    );
    const replay = await sdk
      .createGroup(
        { name: uniqueName('Key three'), user_id: coachId, privacy: 'public' },
        { idempotencyKey: 'order-42' },
      )
      .catch((e) => e);
    expect(replay).to.include({ status: 422, code: 'idempotency_key_reused' });
    const keys = sent.map((request) => request.headers.get('idempotency-key'));
    expect(keys[0]).to.not.equal(keys[1]);
    expect(keys.slice(1)).to.deep.equal(['"order-42"', '"order-42"']);
  });

  it('reports a delete whose answer was lost as success when the retry finds the group gone', async () => {
    const sdk = client(coachToken);
    const { group_id: groupId } = await sdk.createGroup({
      name: uniqueName('Delete lost'),
      user_id: coachId,
      privacy: 'public',
    });
    let lostOnce = false;
    const { sent, fetchImpl } = losingFetch((request) => {
      if (request.method !== 'DELETE' || lostOnce) return false;
      lostOnce = true;
      return true;
    });
    const deleted = await client(coachToken, fetchImpl).deleteGroup(groupId);
    expect(deleted).to.deep.equal({ group_id: groupId, status: 'success' });
    expect(sent.map((request) => request.method)).to.deep.equal(['DELETE', 'DELETE']);
    // A delete of a group that is gone on the first attempt is still an error.
    const missing = await sdk.deleteGroup(groupId).catch((e) => e);
    expect(missing).to.be.instanceOf(GroupsApiError);
    expect(missing).to.include({ status: 404, code: 'group_not_found' });
  });
});
