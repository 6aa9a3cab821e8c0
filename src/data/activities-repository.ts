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

/** The columns of a feed item, in the order the feed's statements select them. */
export const feedColumns = [
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

const dayMs = 86_400_000;
/** How far back the feed looks first: a club's last two days hold the page for most groups. */
const recentWindowDays = 2;
const recentWindowMs = recentWindowDays * dayMs;
/** A local date ends at most 36 hours after its UTC midnight (UTC−12). */
const localDateEndMs = 36 * 3_600_000;
const coveringIndex = 'activities_user_status_start';

/**
 * The feed's statement for some users, with the given columns: filters, order and limit;
 * MySQL's read along `index` when one is named (the planner prefers the local-date index
 * even where no date filter can use it, and then reads every member's table rows).
 */
function feedSelect(db: Executor, query: FeedQuery, userIds: string[], columns: readonly string[], index?: string) {
  const builder = db
    .from(index ? db.raw('?? force index (??)', ['activities', index]) : 'activities')
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
    // Said as "up to the position, and not the tie's later ids" rather than "before it, or the
    // tie's earlier ids": one range of the index per member instead of two. With two, MariaDB's
    // planner read a 1,000-member group's whole history for a later page (191,594 entries
    // instead of 1,686; docs/reads-at-scale.md).
    builder.andWhere('start_time', '<=', startTime).andWhere((where) => {
      where.where('start_time', '<', startTime).orWhere('id', '<', id);
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

function isFiltered(query: FeedQuery): boolean {
  return Boolean(query.startDate || query.endDate || (query.subTypes && query.subTypes.length > 0));
}

/**
 * Whether the window is worth a statement: not when the end date lies before it, nor when it
 * can hold fewer activities than the page and a filter leaves it fewer still. Athletes record
 * about one a day, so the window holds about two per member: a filtered page of a 10-member
 * group goes straight to the plain statement (sub type: 1.1 ms, against 2.0 ms for the window
 * and then the merge). Unfiltered the window is always tried, since the merge after it costs little (10
 * members' first page 1.6 ms, the plain statement 3.1 ms).
 */
function windowMayHold(query: FeedQuery, sinceMs: number): boolean {
  if (query.endDate && Date.parse(query.endDate) + localDateEndMs <= sinceMs) return false;
  return !isFiltered(query) || query.userIds.length * recentWindowDays >= query.limit;
}

/**
 * Each member's newest `limit` positions taken backwards along the index and merged: members
 * × limit entries whatever the history's length (the newest `limit` of all are among the
 * newest `limit` of each), then the page's rows.
 */
async function mergedRows(db: Executor, query: FeedQuery): Promise<ActivityRow[]> {
  // One member's statement, compiled once and repeated per member with its own id.
  const marker = '\u0000member';
  const part = feedSelect(db, query, [marker], ['id', 'start_time'], coveringIndex).toSQL();
  const at = part.bindings.indexOf(marker);
  const bindings: unknown[] = [];
  for (const userId of query.userIds)
    bindings.push(...part.bindings.map((value, index) => (index === at ? userId : value)));
  bindings.push(query.limit);
  const merged = `select id, start_time from (${query.userIds.map(() => `(${part.sql})`).join(' union all ')}) as candidates order by start_time desc, id desc limit ?`;
  return pageRows(db, merged, bindings);
}

/**
 * One plain statement. MySQL's goes along the covering index unless a date filter can use the
 * local-date index.
 */
function plainRows(db: Executor, query: FeedQuery) {
  const index = isMysql(db) && !query.startDate && !query.endDate ? coveringIndex : undefined;
  return feedSelect(db, query, query.userIds, feedColumns, index);
}

/**
 * MySQL's page in one statement, two when the recent window falls short, chosen by what
 * bench/feed-reads.ts measured (docs/reads-at-scale.md, "Feed"; ms per page at 10 / 100 /
 * 1,000 members on 2,000,000 activities, 2026-12-08):
 *
 * 1. The activities of the two days before the page's end, positions from the entries of
 *    activities_user_status_start alone (they hold the filters' columns too), then only the
 *    page's rows from the table: for 100 members ~350 entries. Where it holds the page it is
 *    far ahead of one plain statement, which sorts every member's whole history (first page
 *    of 100 / 1,000 members: 1.6 / 20 ms, the plain statement 31 / 142 ms).
 * 2. When the window falls short (small or quiet groups, filters), without filters each
 *    member's newest positions merged (a week-quiet group: 2.0 / 8.7 / 128 ms, the plain
 *    statement 3.0 / 37 / 204 ms); with filters the plain statement, which reads only the
 *    matching entries or, for dates, the local-date index's range (dates 30 to 7 days back:
 *    0.9 / 5.7 / 83 ms, the window then the merge 1.7 / 12 / 159 ms).
 */
async function mysqlFeedRows(db: Executor, query: FeedQuery): Promise<ActivityRow[]> {
  const sinceMs = (query.before?.startTimeMs ?? query.nowMs) - recentWindowMs;
  if (windowMayHold(query, sinceMs)) {
    const recent = feedSelect(db, query, query.userIds, ['id', 'start_time'], coveringIndex)
      .andWhere('start_time', '>=', new Date(sinceMs))
      .toSQL();
    const rows = await pageRows(db, recent.sql, [...recent.bindings]);
    if (rows.length === query.limit) return rows;
  }
  return isFiltered(query) ? plainRows(db, query) : mergedRows(db, query);
}

/** Completed activities of these users, newest first (start time, then id). */
export async function completedActivities(db: Executor, query: FeedQuery): Promise<ActivityRecord[]> {
  if (query.userIds.length === 0) return [];
  // SQLite, embedded and small, reads them in one plain statement; so does one member.
  const rows = isMysql(db) && query.userIds.length > 1 ? await mysqlFeedRows(db, query) : await plainRows(db, query);
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
