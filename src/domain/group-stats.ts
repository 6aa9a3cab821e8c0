// A group's training stats over a range of local calendar days in one time zone: totals,
// engagement, and per member and day the distance, duration and load sums.
import { statsActivities, type StatsActivity } from '../data/activities-repository.js';
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
  type OffsetSegment,
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

/**
 * Every member's sums for every local day of the range, unrounded (the API rounds them as it
 * spells them), in flat arrays of members × days: the cell of member m on day d is
 * `m * dates.length + d`. Typed arrays, because a 1,000-member group's 90 days are 90,000 cells:
 * as one object each they cost more in garbage collection than the sums themselves.
 */
export interface MemberDaySums {
  /** The range's local dates, ascending. */
  dates: string[];
  /** The active members, in id order. */
  memberIds: string[];
  /** Activities counted in a cell; 0: the member has no entry that day. */
  activities: Uint32Array;
  distanceMeters: Float64Array;
  durationSeconds: Float64Array;
  vdotLoad: Float64Array;
  nexrexEtePlus: Float64Array;
}

export interface GroupStats {
  totalDistanceMeters: number;
  totalActivities: number;
  engagementRate: number;
  memberDays: MemberDaySums;
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
 * Members whose activities one statement reads: a request then holds one batch's rows, ~10,000
 * for 90 days, where a 1,000-member group's ~77,000 at once outlived the young generation and
 * grew the heap (docs/reads-at-scale.md, Memory).
 */
export const statsBatchMembers = 128;

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

function emptySums(dates: string[], memberIds: string[]): MemberDaySums {
  const cells = dates.length * memberIds.length;
  return {
    dates,
    memberIds,
    activities: new Uint32Array(cells),
    distanceMeters: new Float64Array(cells),
    durationSeconds: new Float64Array(cells),
    vdotLoad: new Float64Array(cells),
    nexrexEtePlus: new Float64Array(cells),
  };
}

/**
 * Adds the activities into their member-day cells and returns the range's totals. The local
 * day of an instant is floor((epoch ms + offset) / day), with the offset of the segment it
 * falls in. The activities come by user, so a member's position (in `memberIndex`, by id) is
 * looked up once.
 */
function sumByMemberDay(
  activities: StatsActivity[],
  segments: OffsetSegment[],
  sums: MemberDaySums,
  memberIndex: Map<string, number>,
): { distance: number; activities: number; engaged: number } {
  const dayCount = sums.dates.length;
  const firstDay = Date.parse(`${sums.dates[0]!}T00:00:00Z`) / dayMs;
  let distance = 0;
  let counted = 0;
  let engaged = 0;
  let userId: string | undefined;
  let firstCell = -1;
  for (const activity of activities) {
    const startMs = activity[1];
    let segment = 0;
    while (segments[segment]!.endMs !== null && startMs >= segments[segment]!.endMs!) segment += 1;
    const day = Math.floor((startMs + segments[segment]!.offsetMs) / dayMs) - firstDay;
    // The query's bounds are the range's first and last instants; this guards the arithmetic.
    if (day < 0 || day >= dayCount) continue;
    if (activity[0] !== userId) {
      userId = activity[0];
      firstCell = memberIndex.get(userId)! * dayCount;
      engaged += 1;
    }
    const cell = firstCell + day;
    sums.activities[cell]! += 1;
    sums.distanceMeters[cell]! += activity[2];
    sums.durationSeconds[cell]! += activity[3];
    sums.vdotLoad[cell]! += activity[4] ?? 0;
    sums.nexrexEtePlus[cell]! += activity[5] ?? 0;
    distance += activity[2];
    counted += 1;
  }
  return { distance, activities: counted, engaged };
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

  const memberDays = emptySums(datesBetween(range.from, range.to), [...memberNames.keys()].sort());
  const segments = offsetSegments(range.fromMs, range.toMs, timezone);
  const memberIndex = new Map(memberDays.memberIds.map((userId, index) => [userId, index]));
  const totals = { distance: 0, activities: 0, engaged: 0 };
  // A batch of members at a time: a request holds one batch's rows, not the whole group's.
  for (let first = 0; first < memberDays.memberIds.length; first += statsBatchMembers) {
    const activities = await statsActivities(deps.db, {
      orgId: caller.orgId,
      userIds: memberDays.memberIds.slice(first, first + statsBatchMembers),
      fromMs: range.fromMs,
      toMs: range.toMs,
    });
    const batch = sumByMemberDay(activities, segments, memberDays, memberIndex);
    totals.distance += batch.distance;
    totals.activities += batch.activities;
    totals.engaged += batch.engaged;
  }
  return {
    totalDistanceMeters: Math.round(totals.distance),
    totalActivities: totals.activities,
    engagementRate: memberNames.size === 0 ? 0 : Math.round((100 * totals.engaged) / memberNames.size),
    memberDays,
    memberNames,
    range: request.range,
    timezone: zone.name,
    from: range.from,
    to: range.to,
  };
}
