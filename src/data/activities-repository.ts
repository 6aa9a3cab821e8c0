// Reads of the platform's activities. Every query is scoped by organization and by the
// group's member ids, so it reads along the (user_id, status, start_time, …) and
// (user_id, start_date_local) indexes and never in proportion to the organization's activity.
import { isMysql, type Executor } from './database.js';
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
  /** The clock's now: the feed looks at the two days before it (or before `before`) first. */
  nowMs: number;
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

/** How far back the feed looks first: a club's last two days hold the page for most groups. */
const recentWindowMs = 2 * 86_400_000;

/** The feed's statement for some users, with the given columns: filters, order and limit. */
function feedSelect(db: Executor, query: FeedQuery, userIds: string[], columns: readonly string[]) {
  const builder = db('activities')
    .select<ActivityRow[]>(...columns)
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

/** The activities of a page of (id, start_time) positions, read by primary key, in feed order. */
async function pageRows(db: Executor, positionsSql: string, bindings: unknown[]): Promise<ActivityRow[]> {
  const columns = feedColumns.map((column) => `a.${column}`).join(', ');
  const [rows] = (await db.raw(
    `select ${columns} from (${positionsSql}) as page join activities as a on a.id = page.id order by page.start_time desc, page.id desc`,
    bindings as never,
  )) as unknown as [ActivityRow[]];
  return rows;
}

/**
 * MySQL's page in one statement, two when the recent window falls short. Positions come from
 * the entries of activities_user_status_start alone (which hold the filters' columns too), and
 * only the page's rows are read from the table. First the activities of the two days before
 * the page's end: for a group of 100, ~170 entries. When those are fewer than the page, each
 * member's newest `limit` positions are taken backwards along the index and merged: members ×
 * limit entries whatever the history's length. (The newest `limit` of all are among the
 * newest `limit` of each.)
 */
async function mysqlFeedRows(db: Executor, query: FeedQuery): Promise<ActivityRow[]> {
  const since = new Date((query.before?.startTimeMs ?? query.nowMs) - recentWindowMs);
  const recent = feedSelect(db, query, query.userIds, ['id', 'start_time']).andWhere('start_time', '>=', since).toSQL();
  const rows = await pageRows(db, recent.sql, [...recent.bindings]);
  if (rows.length === query.limit) return rows;
  // One member's statement, compiled once and repeated per member with its own id.
  const marker = '\u0000member';
  const part = feedSelect(db, query, [marker], ['id', 'start_time']).toSQL();
  const at = part.bindings.indexOf(marker);
  const bindings: unknown[] = [];
  for (const userId of query.userIds)
    bindings.push(...part.bindings.map((value, index) => (index === at ? userId : value)));
  bindings.push(query.limit);
  const merged = `select id, start_time from (${query.userIds.map(() => `(${part.sql})`).join(' union all ')}) as candidates order by start_time desc, id desc limit ?`;
  return pageRows(db, merged, bindings);
}

/** Completed activities of these users, newest first (start time, then id). */
export async function completedActivities(db: Executor, query: FeedQuery): Promise<ActivityRecord[]> {
  if (query.userIds.length === 0) return [];
  // SQLite, embedded and small, reads them in one plain statement.
  const rows =
    isMysql(db) && query.userIds.length > 1
      ? await mysqlFeedRows(db, query)
      : await feedSelect(db, query, query.userIds, feedColumns);
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

/**
 * One completed activity as the stats sum it: user id, start (epoch ms), distance, duration,
 * vdot_load, nexrex_ete_plus. A tuple: a 1,000-member group's 90 days are ~77,000 of them.
 */
export type StatsActivity = [
  userId: string,
  startMs: number,
  distance: number,
  duration: number,
  vdotLoad: number | null,
  nexrexEtePlus: number | null,
];

export interface StatsActivitiesQuery {
  orgId: string;
  userIds: string[];
  fromMs: number;
  /** Inclusive end. */
  toMs: number;
}

/**
 * The list repeated at its end up to the next power of two: a prepared statement's text
 * depends on the number of ids, and lists of 1 to 128 ids (the stats' batches) then share 8
 * statements, not 128.
 */
function paddedToPowerOfTwo(ids: string[]): string[] {
  const padded = [...ids];
  while (padded.length & (padded.length - 1)) padded.push(ids.at(-1)!);
  return padded;
}

/**
 * The completed activities of these users that start in [fromMs, toMs], by user and start
 * time: the order of activities_user_status_start, whose entries hold every column read, so
 * the table itself is never touched. The rows are summed by the caller rather than grouped
 * here: a member-day holds 1.1 activities on average, so a GROUP BY by local day would save
 * few rows and cost a temporary table (docs/reads-at-scale.md measures both).
 */
export async function statsActivities(db: Executor, query: StatsActivitiesQuery): Promise<StatsActivity[]> {
  if (query.userIds.length === 0) return [];
  const select = db('activities')
    .select('user_id', 'start_time', 'distance', 'duration', 'vdot_load', 'nexrex_ete_plus')
    .where({ org_id: query.orgId, status: 'completed' })
    .whereIn('user_id', isMysql(db) ? paddedToPowerOfTwo(query.userIds) : query.userIds)
    .andWhere('start_time', '>=', new Date(query.fromMs))
    .andWhere('start_time', '<=', new Date(query.toMs))
    .orderBy([
      { column: 'user_id', order: 'asc' },
      { column: 'start_time', order: 'asc' },
    ]);
  if (isMysql(db)) {
    // Prepared, for the binary protocol (src/data/database.ts); rows as arrays, so that mysql2
    // builds no object per row.
    const rows = (await select.options({ prepared: true, rowsAsArray: true })) as unknown as [
      string,
      Date,
      number,
      number,
      number | null,
      number | null,
    ][];
    for (const row of rows) (row as unknown as StatsActivity)[1] = row[1].getTime();
    return rows as unknown as StatsActivity[];
  }
  const rows = (await select) as unknown as ActivityRow[];
  return rows.map((row) => [
    row.user_id,
    toDate(row.start_time).getTime(),
    Number(row.distance),
    Number(row.duration),
    row.vdot_load === null ? null : Number(row.vdot_load),
    row.nexrex_ete_plus === null ? null : Number(row.nexrex_ete_plus),
  ]);
}
