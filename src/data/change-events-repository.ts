// The outbox of partner events and the change feed over it (migrations/20261204120000_change_events.ts).
import { isMysql, type Database, type Executor } from './database.js';
import { toDate } from './values.js';
import type { EventPayload, EventSubject, EventType, FeedEventType, StoredEvent } from '../wire/events.js';

/** The types the change feed lists. */
export type ChangeEventType = FeedEventType;
export type StoredEventType = EventType;

export type ChangeEventRecord = StoredEvent;

/** An event as it is written: its subject's sequence number is the database's to give. */
export type NewChangeEvent = EventPayload & EventSubject;

export type SequencedChangeEvent = ChangeEventRecord & { feedPosition: number };

/**
 * An event's payload read back. Only the service writes it (insertChangeEvents), in the shape
 * its type has (src/domain/change-events.ts builds it as openapi.yaml's type), so the parsed
 * JSON has that shape.
 */
export function storedPayload(type: EventType, data: string): EventPayload {
  const parsed: unknown = JSON.parse(data);
  return { type, data: parsed } as EventPayload;
}

interface ChangeEventRow {
  id: string;
  org_id: string;
  subject_id: string;
  subject_sequence: number;
  type: StoredEventType;
  data: string;
  created_at: Date | number;
  feed_position: number | string | null;
}

/**
 * Writes one change's events, in order, each numbered one past its subject's last event by
 * the statement itself (1 for a new subject): the writer holds the subject's row (the group,
 * or the endpoint), and (subject_id, subject_sequence) is unique, so two writers can never
 * take one number.
 */
export async function insertChangeEvents(db: Executor, events: NewChangeEvent[]): Promise<void> {
  for (const event of events)
    await db.raw(
      `insert into change_events (id, org_id, subject_id, subject_sequence, type, data, created_at, feed_position)
       select ?, ?, ?, coalesce(max(subject_sequence), 0) + 1, ?, ?, ?, null from change_events where subject_id = ?`,
      [
        event.id,
        event.orgId,
        event.subjectId,
        event.type,
        JSON.stringify(event.data),
        event.createdAt,
        event.subjectId,
      ],
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
        .select('id', 'subject_id', 'subject_sequence', 'created_at')
        .whereNull('feed_position')
        .orderBy([{ column: 'created_at' }, { column: 'subject_id' }, { column: 'subject_sequence' }])
        .limit(batch)) as Pick<ChangeEventRow, 'id' | 'subject_id' | 'subject_sequence' | 'created_at'>[];
      if (pending.length === 0) return 0;
      const last = Number(sequencer.last_position);
      for (const [index, id] of inSubjectOrder(pending).entries())
        await trx('change_events')
          .where({ id })
          .update({ feed_position: last + index + 1 });
      await trx('change_feed_sequencer')
        .where({ id: 1 })
        .update({ last_position: last + pending.length });
      return pending.length;
    },
    // SQLite has one writer and no isolation levels to ask for (Knex warns when asked).
    isMysql(db) ? { isolationLevel: 'read committed' } : {},
  );
}

/**
 * The ids in time order, except that each subject's events keep their sequence order among
 * the places that subject's events take (clocks of two processes may disagree by a little).
 */
function inSubjectOrder(rows: Pick<ChangeEventRow, 'id' | 'subject_id' | 'subject_sequence'>[]): string[] {
  const bySubject = new Map<string, typeof rows>();
  for (const row of rows) {
    const events = bySubject.get(row.subject_id);
    if (events) events.push(row);
    else bySubject.set(row.subject_id, [row]);
  }
  for (const events of bySubject.values()) events.sort((a, b) => a.subject_sequence - b.subject_sequence);
  const taken = new Map<string, number>();
  return rows.map((row) => {
    const events = bySubject.get(row.subject_id)!;
    const index = taken.get(row.subject_id) ?? 0;
    taken.set(row.subject_id, index + 1);
    return events[index]!.id;
  });
}

/** One of the organization's events the feed still holds. */
export async function findChangeEvent(db: Executor, orgId: string, id: string): Promise<ChangeEventRecord | undefined> {
  const row = await db<ChangeEventRow>('change_events').where({ org_id: orgId, id }).first();
  return row && fromRow(row);
}

/** How many pings an endpoint was sent since `since` (they count against its hourly budget). */
export async function countPingsSince(
  db: Executor,
  query: { orgId: string; endpointId: string; since: Date },
): Promise<number> {
  const row = (await db('change_events')
    .where({ org_id: query.orgId, subject_id: query.endpointId, type: 'webhook_endpoint.ping' })
    .andWhere('created_at', '>=', query.since)
    .count({ count: '*' })
    .first()) as { count: number | string } | undefined;
  return Number(row?.count ?? 0);
}

function fromRow(row: ChangeEventRow): ChangeEventRecord {
  return {
    id: row.id,
    orgId: row.org_id,
    subjectId: row.subject_id,
    sequence: Number(row.subject_sequence),
    createdAt: toDate(row.created_at),
    ...storedPayload(row.type, row.data),
  };
}

export interface FeedQuery {
  orgId: string;
  /** Only events placed after this position. */
  afterPosition: number;
  /** The types to list: the feed's others (and pings, which it never lists) are left out. */
  types: ChangeEventType[];
  limit: number;
}

/** The organization's placed events after a position, in feed order; `limit + 1` tells whether more follow. */
export async function listFeed(db: Executor, query: FeedQuery): Promise<SequencedChangeEvent[]> {
  const rows = await db<ChangeEventRow>('change_events')
    .select('*')
    .where({ org_id: query.orgId })
    .andWhere('feed_position', '>', query.afterPosition)
    .whereIn('type', query.types)
    .orderBy('feed_position')
    .limit(query.limit);
  return rows.map((row) => ({ ...fromRow(row), feedPosition: Number(row.feed_position) }));
}

/**
 * The organization's feed horizon: the highest position of its events that were purged (a
 * cursor before it may have missed some of them).
 */
export async function purgedThrough(db: Executor, orgId: string): Promise<number> {
  const row = await db<{ org_id: string; purged_through: number | string }>('change_feed_horizons')
    .where({ org_id: orgId })
    .first('purged_through');
  return Number(row?.purged_through ?? 0);
}

/**
 * Deletes placed events older than `before` (their deliveries go with them), at most `batch`
 * at a time, and moves each organization's horizon past its own; returns how many it deleted.
 * An event takes up to 16 endpoints' deliveries (and its redeliveries) with it: 250 keep a
 * batch well within the statement limit while it holds the sequencer row.
 */
export async function purgeChangeEvents(db: Database, before: Date, batch = 250): Promise<number> {
  if (!(await db('change_events').where('created_at', '<', before).first('id'))) return 0;
  return db.transaction(async (trx) => {
    // Purges go one at a time, each after the last placed what it read: horizons only rise.
    await trx('change_feed_sequencer').where({ id: 1 }).forUpdate().first();
    const rows = (await trx('change_events')
      .select('id', 'org_id', 'type', 'feed_position')
      .where('created_at', '<', before)
      .whereNotNull('feed_position')
      .orderBy('feed_position')
      .limit(batch)) as Pick<ChangeEventRow, 'id' | 'org_id' | 'type' | 'feed_position'>[];
    if (rows.length === 0) return 0;
    await trx('change_events')
      .whereIn(
        'id',
        rows.map((row) => row.id),
      )
      .delete();
    // Pings are not in the feed: losing one costs no reader anything.
    const horizons = new Map<string, number>();
    for (const row of rows)
      if (row.type !== 'webhook_endpoint.ping') horizons.set(row.org_id, Number(row.feed_position));
    // Only ever forward: purges go by time, and a position purged later may be lower.
    if (horizons.size > 0)
      await trx('change_feed_horizons')
        .insert([...horizons].map(([orgId, position]) => ({ org_id: orgId, purged_through: position })))
        .onConflict('org_id')
        .merge({
          purged_through: trx.raw(
            isMysql(trx)
              ? 'greatest(purged_through, values(purged_through))'
              : 'max(purged_through, excluded.purged_through)',
          ),
        });
    return rows.length;
  });
}
