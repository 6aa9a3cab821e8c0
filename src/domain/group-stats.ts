// A group's training stats over a range of local calendar days in one time zone: totals,
// engagement, and per member and day the distance, duration and load sums.
import { dailyTotals } from '../data/activities-repository.js';
import type { Database } from '../data/database.js';
import { activeUserNames } from '../data/users-repository.js';
import { invalidInput, type InvalidField } from '../errors.js';
import type { Caller } from './caller.js';
import { authorizedGroup } from './group-access.js';
import {
  addDays,
  datesBetween,
  localDate,
  offsetSegments,
  resolveTimeZone,
  startOfLocalDay,
  type ResolvedTimeZone,
} from './time-zone.js';

/** The stats presets and `custom` (openapi.yaml's StatsRange; the handler passes the wire value). */
export type StatsRange = '7d' | '14d' | '30d' | '60d' | '90d' | 'custom';

export interface StatsRequest {
  range: StatsRange;
  fromTs: number | undefined;
  toTs: number | undefined;
  timezone: string | undefined;
}

export interface MemberDay {
  distanceKm: number;
  durationMinutes: number;
  vdotLoad: number;
  nexrexEtePlus: number;
}

export interface GroupStats {
  totalDistanceMeters: number;
  totalActivities: number;
  engagementRate: number;
  days: { date: string; members: Map<string, MemberDay> }[];
  memberNames: Map<string, string>;
  range: StatsRange;
  timezone: string;
  from: string;
  to: string;
}

const dayMs = 86_400_000;
/** docs/decisions.md allows a span of 366 days, which touches 367 local dates; history never has more entries. */
const maxCustomLocalDays = 367;
const maxFutureSeconds = 7 * 86_400;

/**
 * Rounds half away from zero at a number of decimals, as the decimal the value was written as
 * would round (1.005 → 1.01), with arithmetic only: a string round trip breaks on values printed
 * in exponent notation (1e-7). `value × 10^decimals` can land a few ulps below the half that the
 * decimal meant (1.005 × 100 = 100.49999999999999); a relative nudge of two ulps restores it.
 */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = Math.abs(value) * factor;
  // Beyond 2^52 every double is an integer already, and the nudge would move it.
  if (!Number.isFinite(scaled) || scaled >= 2 ** 52) return value;
  const rounded = Math.round(scaled * (1 + 2 * Number.EPSILON)) / factor;
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

interface ResolvedRange {
  fromMs: number;
  toMs: number;
  from: string;
  to: string;
}

/** The checks that need no time zone: they run before the group is loaded. */
function checkRangeParameters(request: StatsRequest, now: Date): void {
  const { fromTs, toTs } = request;
  if (request.range !== 'custom') {
    const misplaced: InvalidField[] = [];
    if (fromTs !== undefined) misplaced.push({ field: 'from_ts', message: 'is only allowed with range=custom' });
    if (toTs !== undefined) misplaced.push({ field: 'to_ts', message: 'is only allowed with range=custom' });
    if (misplaced.length > 0) throw invalidInput('from_ts and to_ts go with range=custom only.', misplaced);
    return;
  }
  const missing: InvalidField[] = [];
  if (fromTs === undefined) missing.push({ field: 'from_ts', message: 'is required with range=custom' });
  if (toTs === undefined) missing.push({ field: 'to_ts', message: 'is required with range=custom' });
  if (fromTs === undefined || toTs === undefined) throw invalidInput('range=custom needs from_ts and to_ts.', missing);
  if (fromTs > toTs)
    throw invalidInput('from_ts must not be after to_ts.', [{ field: 'from_ts', message: 'must not be after to_ts' }]);
  if (toTs > Math.floor(now.getTime() / 1000) + maxFutureSeconds) {
    throw invalidInput('A custom range ends at most 7 days in the future.', [
      { field: 'to_ts', message: 'must be at most 7 days in the future' },
    ]);
  }
}

/** The range in local calendar days of a zone; the parameters have passed checkRangeParameters. */
function resolveRange(request: StatsRequest, now: Date, timeZone: string): ResolvedRange {
  if (request.range !== 'custom') {
    const days = Number.parseInt(request.range, 10);
    const to = localDate(now, timeZone);
    const from = addDays(to, -(days - 1));
    return { fromMs: startOfLocalDay(from, timeZone), toMs: startOfLocalDay(addDays(to, 1), timeZone) - 1, from, to };
  }
  const fromMs = request.fromTs! * 1000;
  const toMs = request.toTs! * 1000;
  // Bounded in local calendar days, not seconds: 366 × 24 hours touch 367 local dates, but 368
  // when the span starts late in the evening and a DST change shortens a night, and history has
  // one entry per local date.
  const from = localDate(fromMs, timeZone);
  const to = localDate(toMs, timeZone);
  if ((Date.parse(to) - Date.parse(from)) / dayMs + 1 > maxCustomLocalDays)
    throw invalidInput(`A custom range covers at most ${maxCustomLocalDays} local calendar days.`, [
      {
        field: 'to_ts',
        message: `must fall on a local date at most ${maxCustomLocalDays - 1} days after the local date of from_ts`,
      },
    ]);
  return { fromMs, toMs, from, to };
}

function chooseTimeZone(requested: string | undefined, caller: Caller): ResolvedTimeZone {
  if (requested !== undefined) {
    const zone = resolveTimeZone(requested);
    if (!zone)
      throw invalidInput(`Unknown time zone ${requested}.`, [
        { field: 'timezone', message: 'must be an IANA time zone name' },
      ]);
    return zone;
  }
  return (caller.timezone ? resolveTimeZone(caller.timezone) : undefined) ?? { id: 'UTC', name: 'UTC' };
}

export async function readGroupStats(
  deps: { db: Database; clock: () => Date },
  caller: Caller,
  groupId: string,
  request: StatsRequest,
): Promise<GroupStats> {
  const now = deps.clock();
  checkRangeParameters(request, now);
  // The group is found and the caller authorized before any work on the time zone, so a
  // caller without access cannot make the service resolve zones or fill its caches.
  const { members, activeMemberNames } = await authorizedGroup(deps.db, caller, groupId, 'readActivity');
  const zone = chooseTimeZone(request.timezone, caller);
  const timezone = zone.id;
  const range = resolveRange(request, now, timezone);
  const memberNames = activeMemberNames ?? (await activeUserNames(deps.db, caller.orgId, members));

  const totals = await dailyTotals(deps.db, {
    orgId: caller.orgId,
    userIds: [...memberNames.keys()],
    fromMs: range.fromMs,
    toMs: range.toMs,
    segments: offsetSegments(range.fromMs, range.toMs, timezone),
  });

  const days = datesBetween(range.from, range.to).map((date) => ({ date, members: new Map<string, MemberDay>() }));
  // Rows carry the local day as a day number; indexing by it spares a date string per row.
  const firstDay = Date.parse(`${range.from}T00:00:00Z`) / dayMs;
  let totalDistance = 0;
  let totalActivities = 0;
  const engaged = new Set<string>();
  for (const row of totals) {
    const index = row.localDay - firstDay;
    if (index < 0 || index >= days.length) continue;
    totalDistance += row.distance;
    totalActivities += row.activities;
    engaged.add(row.userId);
    days[index]!.members.set(row.userId, {
      distanceKm: roundTo(row.distance / 1000, 2),
      durationMinutes: roundTo(row.duration / 60, 1),
      vdotLoad: roundTo(row.vdotLoad, 1),
      nexrexEtePlus: roundTo(row.nexrexEtePlus, 1),
    });
  }

  return {
    totalDistanceMeters: Math.round(totalDistance),
    totalActivities,
    engagementRate: memberNames.size === 0 ? 0 : Math.round((100 * engaged.size) / memberNames.size),
    days,
    memberNames,
    range: request.range,
    timezone: zone.name,
    from: range.from,
    to: range.to,
  };
}
