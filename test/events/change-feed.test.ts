// The change feed (GET /api/v1/events) and the outbox behind it: every committed change of a
// group has its events, written in the change's own transaction; the feed lists them in the
// order they were placed, from signed cursors, within the caller's organization.
import { expect } from 'chai';
import { sequencePendingEvents } from '../../src/data/change-events-repository.js';
import { recordChangeEvents } from '../../src/domain/change-events.js';
import { startFeedRetention } from '../../src/jobs/feed-retention.js';
import { pino } from 'pino';
import { dialect } from '../support/database.js';
import {
  bearer,
  coachOfNewOrganization,
  createGroupVia,
  createOrganization,
  db,
  testApp,
  uniqueName,
} from '../support/world.js';

type Agent = ReturnType<typeof testApp>['request'];

/** The retention job, run by hand (interval 0: it never runs on its own). */
const retention = () => startFeedRetention({ db: db(), logger: pino({ level: 'silent' }), intervalMs: 0 });

interface FeedEvent {
  id: string;
  type: string;
  created_at: string;
  org_id: string;
  group_id: string;
  sequence: number;
  data: Record<string, unknown>;
}

interface FeedPage {
  events: FeedEvent[];
  next_cursor: string;
  has_more: boolean;
}

describe('change feed: GET /api/v1/events', () => {
  let request: Agent;

  beforeEach(() => {
    request = testApp().request;
  });

  async function feed(auth: { Authorization: string }, query = ''): Promise<FeedPage> {
    const response = await request.get(`/api/v1/events${query}`).set(auth);
    expect(response.status, JSON.stringify(response.body)).to.equal(200);
    return response.body as FeedPage;
  }

  /** Every event of the organization, page by page. */
  async function wholeFeed(auth: { Authorization: string }, query = ''): Promise<FeedEvent[]> {
    const events: FeedEvent[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await feed(auth, `?limit=2${query}${cursor ? `&after=${cursor}` : ''}`);
      events.push(...page.events);
      if (!page.has_more) return events;
      cursor = page.next_cursor;
    }
  }

  it('tells a group’s create, update, membership change and delete as events numbered from 1, each naming its audit events', async () => {
    const { coachId, coach, athletes } = await coachOfNewOrganization(3);
    const name = uniqueName('Feed');
    const groupId = await createGroupVia(request, coach, {
      name,
      user_id: coachId,
      members: [athletes[1]!, athletes[0]!],
    });
    const renamed = uniqueName('Feed renamed');
    expect(
      (
        await request
          .put(`/api/v1/groups/${groupId}`)
          .set(coach)
          .send({ name: renamed, members: [athletes[0], athletes[2]] })
      ).status,
    ).to.equal(200);
    expect((await request.delete(`/api/v1/groups/${groupId}`).set(coach)).status).to.equal(200);

    const events = await wholeFeed(coach);
    expect(events.map((event) => [event.type, event.sequence])).to.deep.equal([
      ['group.created', 1],
      ['group.updated', 2],
      ['group.members_changed', 3],
      ['group.deleted', 4],
    ]);
    for (const event of events) {
      expect(event.id).to.match(/^evt_[A-Za-z0-9_-]{22}$/);
      expect(event).to.include({ group_id: groupId });
      expect(event.data.actor_id).to.equal(coachId);
    }
    const [created, updated, membersChanged, deleted] = events;
    expect(created!.data).to.deep.include({
      name,
      description: null,
      privacy: 'public',
      owner_id: coachId,
      members: [athletes[0], athletes[1]].sort(),
    });
    expect(updated!.data.changes).to.deep.equal({ name: { before: name, after: renamed } });
    expect(membersChanged!.data).to.deep.include({ added: [athletes[2]], removed: [athletes[1]] });
    expect(deleted!.data).to.deep.include({ name: renamed, members: [athletes[0], athletes[2]].sort() });

    // Each event names the audit events of its change, and together they name all of them.
    const audit = await db()('audit_events').where({ group_id: groupId }).orderBy('seq').select('id', 'action');
    const named = events.flatMap((event) => event.data.audit_event_ids as string[]);
    expect([...named].sort()).to.deep.equal(audit.map((row: { id: string }) => row.id).sort());
    expect(membersChanged!.data.audit_event_ids).to.have.length(2);
  });

  it('pages with cursors that resume exactly: nothing missed, nothing twice, an empty page keeps the cursor', async () => {
    const { coachId, coach } = await coachOfNewOrganization();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(await createGroupVia(request, coach, { name: uniqueName('Page'), user_id: coachId }));

    const first = await feed(coach, '?limit=2');
    expect(first.events.map((event) => event.group_id)).to.deep.equal(ids.slice(0, 2));
    expect(first.has_more).to.equal(true);
    const second = await feed(coach, `?limit=2&after=${first.next_cursor}`);
    expect(second.events.map((event) => event.group_id)).to.deep.equal(ids.slice(2, 4));
    const third = await feed(coach, `?limit=2&after=${second.next_cursor}`);
    expect(third.events.map((event) => event.group_id)).to.deep.equal(ids.slice(4));
    expect(third.has_more).to.equal(false);

    // A page that holds exactly what is left says there is no more.
    const whole = await feed(coach, '?limit=5');
    expect(whole.events).to.have.length(5);
    expect(whole.has_more).to.equal(false);

    const caughtUp = await feed(coach, `?after=${third.next_cursor}`);
    expect(caughtUp).to.deep.equal({ events: [], next_cursor: third.next_cursor, has_more: false });
    const later = await createGroupVia(request, coach, { name: uniqueName('Later'), user_id: coachId });
    const resumed = await feed(coach, `?after=${caughtUp.next_cursor}`);
    expect(resumed.events.map((event) => [event.type, event.group_id])).to.deep.equal([['group.created', later]]);
  });

  it('filters by type, keeping the order', async () => {
    const { coachId, coach, athletes } = await coachOfNewOrganization(2);
    const groupId = await createGroupVia(request, coach, { name: uniqueName('Types'), user_id: coachId });
    await request
      .put(`/api/v1/groups/${groupId}`)
      .set(coach)
      .send({ members: [athletes[0]] });
    await request.put(`/api/v1/groups/${groupId}`).set(coach).send({ description: 'Tuesdays' });
    await request
      .put(`/api/v1/groups/${groupId}`)
      .set(coach)
      .send({ members: [athletes[1]] });

    const membership = await feed(coach, '?types=group.members_changed');
    expect(membership.events.map((event) => [event.sequence, event.data.added, event.data.removed])).to.deep.equal([
      [2, [athletes[0]], []],
      [4, [athletes[1]], [athletes[0]]],
    ]);
    const two = await feed(coach, '?types=group.created,group.updated');
    expect(two.events.map((event) => event.type)).to.deep.equal(['group.created', 'group.updated']);
  });

  it('writes no event for a change that did not happen: a refused write, a name clash, an update that changes nothing', async () => {
    const { coachId, coach } = await coachOfNewOrganization();
    const name = uniqueName('Once');
    const groupId = await createGroupVia(request, coach, { name, user_id: coachId });
    expect((await request.post('/api/v1/groups').set(coach).send({ name, user_id: coachId })).status).to.equal(409);
    expect((await request.put(`/api/v1/groups/${groupId}`).set(coach).send({ name })).status).to.equal(200);
    expect(
      (await request.put(`/api/v1/groups/${groupId}`).set(coach).set('If-Match', '"v9"').send({ name: 'Other' }))
        .status,
    ).to.equal(412);
    const events = await wholeFeed(coach);
    expect(events.map((event) => event.type)).to.deep.equal(['group.created']);
    expect(await db()('change_events').where({ subject_id: groupId }).count({ n: '*' })).to.deep.equal([{ n: 1 }]);
  });

  // MySQL only: SQLite has one writer, and the test's open transaction would hold the pool's one connection.
  it('lists only what has committed, and an event committed later comes after the ones already read (MySQL)', async function () {
    if (dialect !== 'mysql') this.skip();
    const { coachId, coach, org } = await coachOfNewOrganization();
    const first = await createGroupVia(request, coach, { name: uniqueName('Early'), user_id: coachId });
    const seen = await feed(coach);
    expect(seen.events.map((event) => event.group_id)).to.deep.equal([first]);

    // A change in flight: its event is written but not committed.
    const trx = await db().transaction();
    try {
      await recordChangeEvents(
        trx,
        { orgId: org.id, subjectId: 'grp_inflight00000000000000', createdAt: new Date(0) },
        [
          {
            type: 'group.created',
            data: {
              name: 'In flight',
              description: null,
              privacy: 'public',
              owner_id: coachId,
              members: [],
              actor_id: coachId,
              audit_event_ids: ['aud_inflight'],
            },
          },
        ],
      );
      expect((await feed(coach, `?after=${seen.next_cursor}`)).events).to.deep.equal([]);
      await trx.commit();
    } catch (error) {
      await trx.rollback();
      throw error;
    }
    // Its time is older than every event read so far, and it still comes after them.
    const after = await feed(coach, `?after=${seen.next_cursor}`);
    expect(after.events.map((event) => event.group_id)).to.deep.equal(['grp_inflight00000000000000']);
    await db()('change_events').where({ subject_id: 'grp_inflight00000000000000' }).delete();
  });

  it('keeps organizations apart: events, and cursors', async () => {
    const mine = await coachOfNewOrganization();
    const theirs = await coachOfNewOrganization();
    await createGroupVia(request, theirs.coach, { name: uniqueName('Theirs'), user_id: theirs.coachId });
    const ownGroup = await createGroupVia(request, mine.coach, { name: uniqueName('Mine'), user_id: mine.coachId });
    const page = await feed(mine.coach);
    expect(page.events.map((event) => event.group_id)).to.deep.equal([ownGroup]);
    expect(page.events.every((event) => event.org_id === mine.org.id)).to.equal(true);

    const foreign = await request.get(`/api/v1/events?after=${page.next_cursor}`).set(theirs.coach);
    expect(foreign.status).to.equal(400);
    expect(foreign.body.errors).to.deep.equal([
      { path: '/query/after', message: 'is invalid or belongs to another request' },
    ]);
  });

  it('is for admins and coaches: an athlete gets 403', async () => {
    const org = await createOrganization();
    const admin = await bearer(await org.addUser({ role: 'admin' }));
    const athlete = await bearer(await org.addUser({ role: 'athlete' }));
    expect((await feed(admin)).events).to.deep.equal([]);
    const refused = await request.get('/api/v1/events').set(athlete);
    expect(refused.status).to.equal(403);
    expect(refused.body).to.include({ code: 'forbidden', detail: 'The change feed is for admins and coaches.' });
  });

  it('answers 410 cursor_expired for a cursor from before the 30 days it keeps, and starts after them without one', async () => {
    const { coachId, coach } = await coachOfNewOrganization();
    const fromTheStart = (await feed(coach)).next_cursor;
    const old = await createGroupVia(request, coach, { name: uniqueName('Old'), user_id: coachId });
    const afterOld = (await feed(coach)).next_cursor;
    const recent = await createGroupVia(request, coach, { name: uniqueName('Recent'), user_id: coachId });
    await sequencePendingEvents(db());
    await db()('change_events')
      .where({ subject_id: old })
      .update({ created_at: new Date(Date.now() - 31 * 86_400_000) });
    // Reading does not purge: the retention is its own job.
    expect((await feed(coach, `?after=${fromTheStart}`)).events).to.have.length(2);
    expect(await retention().runOnce()).to.be.at.least(1);

    // The old event is gone: a reader from before it would miss it, and is told so.
    const expired = await request.get(`/api/v1/events?after=${fromTheStart}`).set(coach);
    expect(expired.status).to.equal(410);
    expect(expired.body).to.include({ code: 'cursor_expired' });
    expect(expired.body.detail).to.match(/30 days/);
    expect(await db()('change_events').where({ subject_id: old }).count({ n: '*' })).to.deep.equal([{ n: 0 }]);
    // A reader who had it misses nothing, and a new reader starts after it.
    expect((await feed(coach, `?after=${afterOld}`)).events.map((event) => event.group_id)).to.deep.equal([recent]);
    expect((await feed(coach)).events.map((event) => event.group_id)).to.deep.equal([recent]);
  });

  it("expires a cursor only when the caller's own organization lost events after it", async () => {
    const quiet = await coachOfNewOrganization();
    const busy = await coachOfNewOrganization();
    await createGroupVia(request, quiet.coach, { name: uniqueName('Quiet'), user_id: quiet.coachId });
    const quietCursor = (await feed(quiet.coach)).next_cursor;
    const theirs = await createGroupVia(request, busy.coach, { name: uniqueName('Busy'), user_id: busy.coachId });
    const busyBefore = (await feed(busy.coach, '?limit=1')).next_cursor;
    const later = await createGroupVia(request, busy.coach, { name: uniqueName('Later'), user_id: busy.coachId });
    await sequencePendingEvents(db());
    // The busy organization's first event ages out; the quiet one's cursor is after its own events.
    await db()('change_events')
      .where({ subject_id: theirs })
      .update({ created_at: new Date(Date.now() - 31 * 86_400_000) });
    expect(await retention().runOnce()).to.be.at.least(1);

    const stillGood = await request.get(`/api/v1/events?after=${quietCursor}`).set(quiet.coach);
    expect(stillGood.status, stillGood.text).to.equal(200);
    expect(stillGood.body.events).to.deep.equal([]);
    const fromItsStart = await request.get(`/api/v1/events?after=${busyBefore}`).set(busy.coach);
    expect(fromItsStart.status, 'the busy organization read past its purged event').to.equal(200);
    expect(fromItsStart.body.events.map((event: { group_id: string }) => event.group_id)).to.deep.equal([later]);
  });
});
