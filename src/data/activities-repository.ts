// Reads of the platform's activities. Every query is scoped by organization and by the
// group's member ids, so it reads along the (user_id, start_time) and
// (user_id, start_date_local) indexes and never in proportion to the organization's activity.
import { epochMillisecondsSql, floorDivisionSql, isMysql, type Executor } from './database.js';
import { toDate } from './values.js';

export interface ActivityRecord {
  id: string;
  userId: string;
  name: string | null;
  type: string;
  subType: string | null;
  startTime: Date;
  startDateLocal: string;
  distance: number;
  duration: number;
  vdotLoad: number | null;
  nexrexEtePlus: number | null;
}

/** An activities row as both databases return it (SQLite: epoch ms; MySQL DECIMAL as number). */
interface ActivityRow {
  id: string;
  user_id: string;
  name: string | null;
  type: string;
  sub_type: string | null;
  start_time: Date | number | string;
  start_date_local: string;
  distance: number | string;
  duration: number | string;
  vdot_load: number | string | null;
  nexrex_ete_plus: number | string | null;
}

export interface FeedPosition {
  startTimeMs: number;
  id: string;
}

export interface FeedQuery {
  orgId: string;
  userIds: string[];
  startDate?: string | undefined;
  endDate?: string | undefined;
  subTypes?: string[] | undefined;
  before?: FeedPosition | undefined;
  limit: number;
}

const feedColumns = [
  'id',
  'user_id',
  'name',
  'type',
  'sub_type',
  'start_time',
  'start_date_local',
  'distance',
  'duration',
  'vdot_load',
  'nexrex_ete_plus',
] as const;

/** The feed's statement for some users: filters, order and limit. */
function feedSelect(db: Executor, query: FeedQuery, userIds: string[]) {
  const builder = db('activities')
    .select<ActivityRow[]>(...feedColumns)
    .where({ org_id: query.orgId, status: 'completed' });
  if (userIds.length === 1) builder.andWhere('user_id', userIds[0]!);
  else builder.whereIn('user_id', userIds);
  if (query.startDate) builder.andWhere('start_date_local', '>=', query.startDate);
  if (query.endDate) builder.andWhere('start_date_local', '<=', query.endDate);
  if (query.subTypes && query.subTypes.length > 0) builder.whereIn('sub_type', query.subTypes);
  if (query.before) {
    const startTime = new Date(query.before.startTimeMs);
    const id = query.before.id;
    builder.andWhere((where) => {
      where.where('start_time', '<', startTime).orWhere((tie) => {
        tie.where('start_time', startTime).andWhere('id', '<', id);
      });
    });
  }
  return builder
    .orderBy([
      { column: 'start_time', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(query.limit);
}

/**
 * Completed activities of these users, newest first (start time, then id). On MySQL each
 * member's newest `limit` rows are read backwards along (user_id, start_time) and only those
 * are merged: the page costs members × limit rows, not the members' whole history, which a
 * single IN-list query reads and sorts in full. (The newest `limit` of all are among the newest
 * `limit` of each.) SQLite, embedded and small, keeps the single statement.
 */
export async function completedActivities(db: Executor, query: FeedQuery): Promise<ActivityRecord[]> {
  if (query.userIds.length === 0) return [];
  let rows: ActivityRow[];
  if (isMysql(db) && query.userIds.length > 1) {
    // One member's statement, compiled once and repeated per member with its own id.
    const marker = '\u0000member';
    const part = feedSelect(db, query, [marker]).toSQL();
    const at = part.bindings.indexOf(marker);
    const bindings: unknown[] = [];
    for (const userId of query.userIds)
      bindings.push(...part.bindings.map((value, index) => (index === at ? userId : value)));
    bindings.push(query.limit);
    const sql = `select * from (${query.userIds.map(() => `(${part.sql})`).join(' union all ')}) as feed order by start_time desc, id desc limit ?`;
    const [result] = (await db.raw(sql, bindings as never)) as unknown as [ActivityRow[]];
    rows = result;
  } else {
    rows = await feedSelect(db, query, query.userIds);
  }
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    name: row.name,
    type: row.type,
    subType: row.sub_type,
    startTime: toDate(row.start_time),
    startDateLocal: row.start_date_local,
    distance: Number(row.distance),
    duration: Number(row.duration),
    vdotLoad: row.vdot_load === null ? null : Number(row.vdot_load),
    nexrexEtePlus: row.nexrex_ete_plus === null ? null : Number(row.nexrex_ete_plus),
  }));
}

export interface DailyTotals {
  userId: string;
  /** Days since 1970-01-01 in the local calendar. */
  localDay: number;
  activities: number;
  distance: number;
  duration: number;
  vdotLoad: number;
  nexrexEtePlus: number;
}

export interface DailyTotalsQuery {
  orgId: string;
  userIds: string[];
  fromMs: number;
  /** Inclusive end. */
  toMs: number;
  /** Constant-offset stretches covering the range, in order; the last has no end. */
  segments: { endMs: number | null; offsetMs: number }[];
}

/**
 * Completed activities summed per user and local calendar day, in the database. The local
 * day of an instant is floor((epoch ms + offset) / day) with the offset of its segment.
 */
export async function dailyTotals(db: Executor, query: DailyTotalsQuery): Promise<DailyTotals[]> {
  if (query.userIds.length === 0) return [];
  const epoch = epochMillisecondsSql(db, 'start_time');
  const bindings: unknown[] = [];
  const bounded = query.segments.filter((segment) => segment.endMs !== null);
  for (const segment of bounded) bindings.push(new Date(segment.endMs!), segment.offsetMs);
  bindings.push(query.segments.at(-1)!.offsetMs);
  const offset =
    bounded.length === 0 ? '?' : `CASE ${bounded.map(() => 'WHEN start_time < ? THEN ?').join(' ')} ELSE ? END`;
  const localDay = floorDivisionSql(db, `${epoch} + ${offset}`, 86_400_000);

  const rows: Record<string, unknown>[] = await db('activities')
    .select('user_id')
    .select(db.raw(`${localDay} as local_day`, bindings))
    .count({ activities: '*' })
    .sum({ distance: 'distance', duration: 'duration', vdot_load: 'vdot_load', nexrex_ete_plus: 'nexrex_ete_plus' })
    .where({ org_id: query.orgId, status: 'completed' })
    .whereIn('user_id', query.userIds)
    .andWhere('start_time', '>=', new Date(query.fromMs))
    .andWhere('start_time', '<=', new Date(query.toMs))
    .groupBy('user_id', 'local_day');
  return rows.map((row) => ({
    userId: String(row.user_id),
    localDay: Number(row.local_day),
    activities: Number(row.activities),
    distance: Number(row.distance ?? 0),
    duration: Number(row.duration ?? 0),
    vdotLoad: Number(row.vdot_load ?? 0),
    nexrexEtePlus: Number(row.nexrex_ete_plus ?? 0),
  }));
}
