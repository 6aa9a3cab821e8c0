// The plain floor's stats (bench/plain-floor.ts): the group's active members, then one statement
// for their completed activities in the range, summed per member and local day in a Map and
// written with JSON.stringify. It borrows the project's calendar arithmetic (src/domain/
// time-zone.ts) and the API's rounding (roundTo), which define the answer; the rest is its own.
import { roundTo } from '../../src/domain/group-stats.js';
import { datesBetween, offsetSegments, resolveTimeZone } from '../../src/domain/time-zone.js';
import { activeMembers, groupNotFound, ok, rows, type PlainAnswer, type ReadContext } from './plain-reads.js';
import { statsSql } from './plain-statements.js';
import { localRange } from './stats-range.js';

const dayMs = 86_400_000;

interface Sums {
  distance: number;
  duration: number;
  vdotLoad: number;
  nexrexEtePlus: number;
}

export async function groupStats({ pool, caller, query }: ReadContext, groupId: string): Promise<PlainAnswer> {
  const range = query.get('range') ?? '7d';
  const requested = query.get('timezone');
  const zone =
    requested === null
      ? ((caller.timezone === null ? undefined : resolveTimeZone(caller.timezone)) ?? { id: 'UTC', name: 'UTC' })
      : resolveTimeZone(requested);
  if (!zone) return { status: 400, body: { code: 'validation_error' } };
  const names = await activeMembers(pool, caller.orgId, groupId);
  if (!names) return groupNotFound;
  const custom = { fromTs: Number(query.get('from_ts')), toTs: Number(query.get('to_ts')) };
  const { fromMs, toMs, from, to } = localRange(range, new Date(), zone.id, custom);
  const found =
    names.size === 0
      ? []
      : await rows(pool, statsSql(names.size), [caller.orgId, ...names.keys(), new Date(fromMs), new Date(toMs)]);

  const dates = datesBetween(from, to);
  const firstDay = Date.parse(`${from}T00:00:00Z`) / dayMs;
  const segments = offsetSegments(fromMs, toMs, zone.id);
  // Per local day, each member's sums; rows come by member, so members enter each day by id.
  const days = dates.map(() => new Map<string, Sums>());
  const engaged = new Set<string>();
  let distance = 0;
  let activities = 0;
  for (const row of found) {
    const startMs = (row.start_time as Date).getTime();
    const segment = segments.find((candidate) => candidate.endMs === null || startMs < candidate.endMs)!;
    const day = days[Math.floor((startMs + segment.offsetMs) / dayMs) - firstDay];
    if (!day) continue;
    const userId = row.user_id as string;
    let sums = day.get(userId);
    if (!sums) day.set(userId, (sums = { distance: 0, duration: 0, vdotLoad: 0, nexrexEtePlus: 0 }));
    sums.distance += row.distance as number;
    sums.duration += row.duration as number;
    sums.vdotLoad += (row.vdot_load as number | null) ?? 0;
    sums.nexrexEtePlus += (row.nexrex_ete_plus as number | null) ?? 0;
    distance += row.distance as number;
    activities += 1;
    engaged.add(userId);
  }
  const history = dates.map((date, index) => {
    const entry: Record<string, unknown> = { date, formattedDate: date };
    for (const [userId, sums] of days[index]!)
      entry[userId] = {
        distance: roundTo(sums.distance / 1000, 2),
        duration: roundTo(sums.duration / 60, 1),
        vdot_load: roundTo(sums.vdotLoad, 1),
        nexrex_ete_plus: roundTo(sums.nexrexEtePlus, 1),
      };
    return entry;
  });
  return ok({
    summary: {
      total_distance: Math.round(distance),
      total_activities: activities,
      engagement_rate: names.size === 0 ? 0 : Math.round((100 * engaged.size) / names.size),
    },
    history,
    member_names: Object.fromEntries(names),
    range,
    timezone: zone.name,
    from,
    to,
  });
}
