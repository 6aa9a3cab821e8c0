// A group's training stats over a range of local calendar days in one time zone: totals,
// engagement, and per member and day the distance, duration and load sums.
import { dailyTotals } from '../data/activities-repository.js';
import type { Database } from '../data/database.js';
import { activeUserNames } from '../data/users-repository.js';
import { validationError, type FieldError } from '../errors.js';
import type { components } from '../generated/openapi.js';
import type { Caller } from './caller.js';
import { authorizedGroup } from './group-access.js';
import { addDays, datesBetween, isKnownTimeZone, localDate, offsetSegments, startOfLocalDay } from './time-zone.js';

export type StatsRange = components['schemas']['GroupStats']['range'];

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
const maxCustomSpanSeconds = 366 * 86_400;
const maxFutureSeconds = 7 * 86_400;

/** Rounds half away from zero at a number of decimals, without binary-fraction surprises (1.005 → 1.01). */
export function roundTo(value: number, decimals: number): number {
  return Number(`${Math.round(Number(`${value}e${decimals}`))}e-${decimals}`);
}

interface ResolvedRange {
  fromMs: number;
  toMs: number;
  from: string;
  to: string;
}

function resolveRange(request: StatsRequest, now: Date, timeZone: string): ResolvedRange {
  const { fromTs, toTs } = request;
  if (request.range !== 'custom') {
    const misplaced: FieldError[] = [];
    if (fromTs !== undefined) misplaced.push({ path: '/query/from_ts', message: 'is only allowed with range=custom' });
    if (toTs !== undefined) misplaced.push({ path: '/query/to_ts', message: 'is only allowed with range=custom' });
    if (misplaced.length > 0) throw validationError('from_ts and to_ts go with range=custom only.', misplaced);
    const days = Number.parseInt(request.range, 10);
    const to = localDate(now, timeZone);
    const from = addDays(to, -(days - 1));
    return { fromMs: startOfLocalDay(from, timeZone), toMs: startOfLocalDay(addDays(to, 1), timeZone) - 1, from, to };
  }

  const missing: FieldError[] = [];
  if (fromTs === undefined) missing.push({ path: '/query/from_ts', message: 'is required with range=custom' });
  if (toTs === undefined) missing.push({ path: '/query/to_ts', message: 'is required with range=custom' });
  if (fromTs === undefined || toTs === undefined)
    throw validationError('range=custom needs from_ts and to_ts.', missing);
  if (fromTs > toTs)
    throw validationError('from_ts must not be after to_ts.', [
      { path: '/query/from_ts', message: 'must not be after to_ts' },
    ]);
  if (toTs - fromTs > maxCustomSpanSeconds)
    throw validationError('A custom range spans at most 366 days.', [
      { path: '/query/to_ts', message: 'must be at most 366 days after from_ts' },
    ]);
  if (toTs > Math.floor(now.getTime() / 1000) + maxFutureSeconds) {
    throw validationError('A custom range ends at most 7 days in the future.', [
      { path: '/query/to_ts', message: 'must be at most 7 days in the future' },
    ]);
  }
  return {
    fromMs: fromTs * 1000,
    toMs: toTs * 1000,
    from: localDate(fromTs * 1000, timeZone),
    to: localDate(toTs * 1000, timeZone),
  };
}

function chooseTimeZone(requested: string | undefined, caller: Caller): string {
  if (requested !== undefined) {
    if (!isKnownTimeZone(requested))
      throw validationError(`Unknown time zone ${requested}.`, [
        { path: '/query/timezone', message: 'must be an IANA time zone name' },
      ]);
    return requested;
  }
  return caller.timezone && isKnownTimeZone(caller.timezone) ? caller.timezone : 'UTC';
}

export async function readGroupStats(
  deps: { db: Database; clock: () => Date },
  caller: Caller,
  groupId: string,
  request: StatsRequest,
): Promise<GroupStats> {
  const timezone = chooseTimeZone(request.timezone, caller);
  const range = resolveRange(request, deps.clock(), timezone);
  const { members, activeMemberNames } = await authorizedGroup(deps.db, caller, groupId, 'readActivity');
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
    timezone,
    from: range.from,
    to: range.to,
  };
}
