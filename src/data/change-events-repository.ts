// The outbox of partner events and the change feed over it (migrations/20261204120000_change_events.ts).
import type { Knex } from 'knex';
import type { Database, Executor } from './database.js';
import { toDate } from './values.js';

export type ChangeEventType = 'group.created' | 'group.updated' | 'group.deleted' | 'group.members_changed';

export interface ChangeEventRecord {
  id: string;
  orgId: string;
  groupId: string;
  groupSequence: number;
  type: ChangeEventType;
  data: Record<string, unknown>;
  createdAt: Date;
}

/** An event as a change writes it: its group's sequence number is the database's to give. */
export type NewChangeEvent = Omit<ChangeEventRecord, 'groupSequence'>;

export interface SequencedChangeEvent extends ChangeEventRecord {
  feedPosition: number;
}

interface ChangeEventRow {
  id: string;
  org_id: string;
  group_id: string;
  group_sequence: number;
  type: ChangeEventType;
  data: string;
  created_at: Date | number;
  feed_position: number | string | null;
}

/**
 * Writes one change's events, in order, each numbered one past its group's last event by the
 * statement itself (1 for a new group): the writer holds the group row, and
 * (group_id, group_sequence) is unique, so two writers can never take one number.
 */
export async function insertChangeEvents(db: Executor, events: NewChangeEvent[]): Promise<void> {
  for (const event of events)
    await db.raw(
      `insert into change_events (id, org_id, group_id, group_sequence, type, data, created_at, feed_position)
       select ?, ?, ?, coalesce(max(group_sequence), 0) + 1, ?, ?, ?, null from change_events where group_id = ?`,
      [event.id, event.orgId, event.groupId, event.type, JSON.stringify(event.data), event.createdAt, event.groupId],
    );
}

/**
 * Gives committed events without a place in the feed the next positions, at most `batch` of
 * them, and returns how many it placed. One transaction holds the sequencer row, so passes
 * run one at a time, and each reads what is committed when it holds it (READ COMMITTED): an
 * event is placed after every event placed before it. Within a pass, events go by their
 * time, and each group's events by their sequence.
 */
export async function sequencePendingEvents(db: Database, batch = 500): Promise<number> {
  // Most reads find nothing to place: they need not queue for the sequencer row.
  if (!(await db('change_events').whereNull('feed_position').first('id'))) return 0;
  return db.transaction(
    async (trx) => {
      const sequencer = (await trx('change_feed_sequencer').where({ id: 1 }).forUpdate().first()) as
        { last_position: number | string } | undefined;
      if (!sequencer) throw new Error('change_feed_sequencer has no row; run the migrations');
      const pending = (await trx('change_events')
        .select('id', 'group_id', 'group_sequence', 'created_at')
        .whereNull('feed_position')
        .orderBy([{ column: 'created_at' }, { column: 'group_id' }, { column: 'group_sequence' }])
        .limit(batch)) as Pick<ChangeEventRow, 'id' | 'group_id' | 'group_sequence' | 'created_at'>[];
      if (pending.length === 0) return 0;
      const last = Number(sequencer.last_position);
      for (const [index, id] of inGroupOrder(pending).entries())
        await trx('change_events')
          .where({ id })
          .update({ feed_position: last + index + 1 });
      await trx('change_feed_sequencer')
        .where({ id: 1 })
        .update({ last_position: last + pending.length });
      return pending.length;
    },
    { isolationLevel: 'read committed' },
  );
}

/**
 * The ids in time order, except that each group's events keep their sequence order among the
 * places that group's events take (clocks of two processes may disagree by a little).
 */
function inGroupOrder(rows: Pick<ChangeEventRow, 'id' | 'group_id' | 'group_sequence'>[]): string[] {
  const byGroup = new Map<string, typeof rows>();
  for (const row of rows) {
    const events = byGroup.get(row.group_id);
    if (events) events.push(row);
    else byGroup.set(row.group_id, [row]);
  }
  for (const events of byGroup.values()) events.sort((a, b) => a.group_sequence - b.group_sequence);
  const taken = new Map<string, number>();
  return rows.map((row) => {
    const events = byGroup.get(row.group_id)!;
    const index = taken.get(row.group_id) ?? 0;
    taken.set(row.group_id, index + 1);
    return events[index]!.id;
  });
}

/** One of the organization's events the feed still holds. */
export async function findChangeEvent(db: Executor, orgId: string, id: string): Promise<ChangeEventRecord | undefined> {
  const row = await db<ChangeEventRow>('change_events').where({ org_id: orgId, id }).first();
  return row && fromRow(row);
}

function fromRow(row: ChangeEventRow): ChangeEventRecord {
  return {
    id: row.id,
    orgId: row.org_id,
    groupId: row.group_id,
    groupSequence: Number(row.group_sequence),
    type: row.type,
    data: JSON.parse(row.data) as Record<string, unknown>,
    createdAt: toDate(row.created_at),
  };
}

export interface FeedQuery {
  orgId: string;
  /** Only events placed after this position. */
  afterPosition: number;
  types: ChangeEventType[] | undefined;
  limit: number;
}

/** The organization's placed events after a position, in feed order; `limit + 1` tells whether more follow. */
export async function listFeed(db: Executor, query: FeedQuery): Promise<SequencedChangeEvent[]> {
  const rows = (await db<ChangeEventRow>('change_events')
    .select('*')
    .where({ org_id: query.orgId })
    .andWhere('feed_position', '>', query.afterPosition)
    .modify((builder: Knex.QueryBuilder) => {
      if (query.types) builder.whereIn('type', query.types);
    })
    .orderBy('feed_position')
    .limit(query.limit)) as ChangeEventRow[];
  return rows.map((row) => ({ ...fromRow(row), feedPosition: Number(row.feed_position) }));
}

/** The feed's horizon: the highest position purged (a cursor before it may have missed events). */
export async function purgedThrough(db: Executor): Promise<number> {
  const row = await db<{ id: number; purged_through: number | string }>('change_feed_sequencer')
    .where({ id: 1 })
    .first('purged_through');
  return Number(row?.purged_through ?? 0);
}

/**
 * Deletes placed events older than `before`, at most `batch` at a time, and moves the feed's
 * horizon past them; returns how many it deleted.
 */
export async function purgeChangeEvents(db: Database, before: Date, batch = 1000): Promise<number> {
  if (!(await db('change_events').where('created_at', '<', before).first('id'))) return 0;
  return db.transaction(async (trx) => {
    await trx('change_feed_sequencer').where({ id: 1 }).forUpdate().first();
    const rows = (await trx('change_events')
      .select('id', 'feed_position')
      .where('created_at', '<', before)
      .whereNotNull('feed_position')
      .orderBy('feed_position')
      .limit(batch)) as Pick<ChangeEventRow, 'id' | 'feed_position'>[];
    if (rows.length === 0) return 0;
    await trx('change_events')
      .whereIn(
        'id',
        rows.map((row) => row.id),
      )
      .delete();
    const through = Math.max(...rows.map((row) => Number(row.feed_position)));
    await trx('change_feed_sequencer')
      .where({ id: 1 })
      .andWhere('purged_through', '<', through)
      .update({ purged_through: through });
    return rows.length;
  });
}
