// The anchors: for each heavy read (bench/lib/scenarios.ts, scaleScenarios), the fastest
// correct answer we could write by hand: one SQL statement over the best index, sent on one
// mysql2 connection back to back, with no HTTP, no authentication and no JSON. A service can
// only come near it; the floor (bench/floor.ts) replays the service's own statements instead.
// Each is measured in the same run as the service, with the database server's CPU over it.
//
// - Stats: the members' completed activities in the range, by user and start time, from the
//   entries of activities_user_status_start alone, as a prepared statement (the binary
//   protocol: no DOUBLE printed as text and parsed back). The members are given, as the
//   service has them from reading the group: written as a subquery MariaDB turns the IN into a
//   semi-join that reads every member's whole history (ref on user_id, status) and sorts it.
//   The rows are the member-days' sums' terms: a member-day holds 1.13 activities here, so
//   summing by local day in SQL saves few rows and costs a temporary table; the `GROUP BY in
//   SQL` anchor measures that alternative in the same run.
// - Feed: the newest 21 positions of the last two days from the same index, and only those
//   rows from the table.
// - List: the first 51 groups by name key with their member lists, and the organization's
//   athlete summary, in one statement: the plain floor's (lib/plain-statements.ts).
import { performance } from 'node:perf_hooks';
import type { Pool } from 'mysql2/promise';
import { offsetSegments } from '../src/domain/time-zone.js';
import { benchIds } from './lib/dataset.js';
import { poolFor } from './lib/mysql.js';
import { groupsPageSql } from './lib/plain-statements.js';
import { cpuSeconds } from './lib/processes.js';
import { customRange, scaleGroups, scaleStatsRanges } from './lib/scenarios.js';
import { localRange } from './lib/stats-range.js';

export interface Anchor {
  /** The scenario it anchors. */
  id: string;
  label: string;
  sql: string;
  values: unknown[];
  prepared: boolean;
}

export interface AnchorResult {
  id: string;
  label: string;
  rows: number;
  requests: number;
  latencyP50: number;
  latencyP95: number;
  dbCpuMsPerRequest?: number;
}

const zone = 'America/New_York';
const dayMs = 86_400_000;
const org = benchIds.org(0);

/** The range's first and last instants, as the service resolves them (src/domain/group-stats.ts). */
function rangeBounds(range: (typeof scaleStatsRanges)[number], now: Date): { from: Date; to: Date } {
  const { fromMs, toMs } = localRange(range, now, zone, customRange);
  return { from: new Date(fromMs), to: new Date(toMs) };
}

async function activeMembers(pool: Pool, groupId: string): Promise<string[]> {
  const [rows] = (await pool.query(
    `SELECT gm.user_id FROM group_members gm JOIN users u ON u.id = gm.user_id AND u.org_id = gm.org_id
     WHERE gm.group_id = ? AND gm.org_id = ? AND u.status = 'active' ORDER BY gm.user_id`,
    [groupId, org],
  )) as unknown as [{ user_id: string }[]];
  return rows.map((row) => row.user_id);
}

const marks = (values: unknown[]) => values.map(() => '?').join(', ');

function statsAnchor(id: string, members: string[], from: Date, to: Date): Anchor {
  return {
    id,
    label: 'activity rows from the covering index, prepared',
    sql: `SELECT user_id, start_time, distance, duration, vdot_load, nexrex_ete_plus FROM activities
      WHERE org_id = ? AND status = 'completed' AND user_id IN (${marks(members)}) AND start_time >= ? AND start_time <= ?
      ORDER BY user_id, start_time`,
    values: [org, ...members, from, to],
    prepared: true,
  };
}

/** The same answer summed per member and local day by the database. */
function groupedStatsAnchor(id: string, members: string[], from: Date, to: Date): Anchor {
  const segments = offsetSegments(from.getTime(), to.getTime(), zone);
  const cases = segments
    .filter((segment) => segment.endMs !== null)
    .map(
      (segment) =>
        `WHEN start_time < '${new Date(segment.endMs!).toISOString().slice(0, 23).replace('T', ' ')}' THEN ${segment.offsetMs}`,
    );
  const offset =
    cases.length === 0 ? `${segments[0]!.offsetMs}` : `CASE ${cases.join(' ')} ELSE ${segments.at(-1)!.offsetMs} END`;
  return {
    id,
    label: 'GROUP BY member and local day in SQL, prepared',
    sql: `SELECT user_id, FLOOR((ROUND(UNIX_TIMESTAMP(start_time) * 1000) + ${offset}) / ${dayMs}) AS local_day,
      COUNT(*), SUM(distance), SUM(duration), SUM(vdot_load), SUM(nexrex_ete_plus) FROM activities
      WHERE org_id = ? AND status = 'completed' AND user_id IN (${marks(members)}) AND start_time >= ? AND start_time <= ?
      GROUP BY user_id, local_day`,
    values: [org, ...members, from, to],
    prepared: true,
  };
}

export async function scaleAnchors(url: string, now: Date): Promise<Anchor[]> {
  const pool = poolFor(url, 1);
  try {
    const anchors: Anchor[] = [];
    for (const size of ['m30', 'm1000'] as const) {
      const members = await activeMembers(pool, scaleGroups[size]);
      for (const range of scaleStatsRanges) {
        const { from, to } = rangeBounds(range, now);
        anchors.push(statsAnchor(`R-stats-${range}-${size}`, members, from, to));
        if (range === '90d' && size === 'm1000')
          anchors.push(groupedStatsAnchor(`R-stats-${range}-${size}`, members, from, to));
      }
    }
    const feedMembers = await activeMembers(pool, scaleGroups.feed);
    anchors.push({
      id: 'R-feed',
      label: 'newest 21 index positions of the last two days, then those rows',
      sql: `SELECT a.id, a.user_id, a.name, a.type, a.sub_type, a.start_time, a.start_date_local, a.distance, a.duration,
          a.vdot_load, a.nexrex_ete_plus
        FROM (SELECT id, start_time FROM activities
          WHERE org_id = ? AND status = 'completed' AND user_id IN (${marks(feedMembers)}) AND start_time >= ?
          ORDER BY start_time DESC, id DESC LIMIT 21) AS page
        JOIN activities a ON a.id = page.id ORDER BY page.start_time DESC, page.id DESC`,
      values: [org, ...feedMembers, new Date(now.getTime() - 2 * dayMs)],
      prepared: false,
    });
    anchors.push({
      id: 'R-list',
      label: '51 groups by name key, their members and the summary, one statement',
      sql: groupsPageSql,
      values: [org, org, 51],
      prepared: false,
    });
    return anchors;
  } finally {
    await pool.end();
  }
}

function percentile(sorted: number[], fraction: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]! * 100) / 100;
}

/** Each anchor back to back on one connection: a warm-up, then `seconds` measured. */
export async function measureAnchors(
  url: string,
  anchors: Anchor[],
  options: { warmupSeconds: number; seconds: number; dbPid: number | undefined },
): Promise<AnchorResult[]> {
  const pool = poolFor(url, 1);
  // As the service's sessions (src/data/database.ts): no IN list turned into a join.
  await pool.query("SET time_zone = '+00:00'");
  await pool.query('SET SESSION in_predicate_conversion_threshold = 0').catch(() => undefined);
  const results: AnchorResult[] = [];
  try {
    for (const anchor of anchors) {
      const send = async () => {
        const query = { sql: anchor.sql, rowsAsArray: true };
        const values = anchor.values as never[];
        const [rows] = anchor.prepared ? await pool.execute(query, values) : await pool.query(query, values);
        return (rows as unknown[]).length;
      };
      const until = (seconds: number) => performance.now() + seconds * 1000;
      for (const end = until(options.warmupSeconds); performance.now() < end;) await send();
      const times: number[] = [];
      let rows = 0;
      const cpuBefore = options.dbPid ? cpuSeconds(options.dbPid) : 0;
      for (const end = until(options.seconds); performance.now() < end;) {
        const started = performance.now();
        rows = await send();
        times.push(performance.now() - started);
      }
      const cpu = options.dbPid ? cpuSeconds(options.dbPid) - cpuBefore : undefined;
      times.sort((a, b) => a - b);
      results.push({
        id: anchor.id,
        label: anchor.label,
        rows,
        requests: times.length,
        latencyP50: percentile(times, 0.5),
        latencyP95: percentile(times, 0.95),
        ...(cpu === undefined ? {} : { dbCpuMsPerRequest: Math.round((cpu * 1e6) / times.length) / 1000 }),
      });
    }
  } finally {
    await pool.end();
  }
  return results;
}
