// The benchmark's scenarios: what one request is, who sends it, and the target ratios to the
// floors (bench/README.md): the replayed floor's (bench/floor.ts) and, for the reads that
// issue 31 judges, the plain floor's (bench/plain-floor.ts). Read scenarios repeat one request; S5 and S6 change data and are
// driven with per-request bodies (see drive.ts).
import { benchIds, sizedGroups, writeGroupCount } from './dataset.js';

export type ScenarioKind = 'read' | 'replace-members' | 'create-delete';

export interface Scenario {
  id: string;
  title: string;
  kind: ScenarioKind;
  /** Token subject. */
  userId: string;
  /** Read scenarios: the request path with its query. */
  path?: string;
  /** Minimum service ÷ replayed floor throughput. */
  target?: number;
  /** Measured against the plain floor too, with its minimum service ÷ plain floor throughput. */
  plainFloor?: { target?: number };
  /** Which database: the main one or the 2,000,000-activity one. */
  database: 'main' | 'large';
  /** Fewer connections than the run's, for a scenario whose single request takes seconds. */
  connections?: number;
}

const m100 = benchIds.group(0, sizedGroups.members100);
const coach = benchIds.coach(0);
const api = '/api/v1';

const read = (id: string, title: string, path: string, target?: number, userId = coach): Scenario => ({
  id,
  title,
  kind: 'read',
  userId,
  path: `${api}${path}`,
  ...(target === undefined ? {} : { target }),
  database: 'main',
});

/** Issue 31's target: at least two thirds of the plain floor. */
const plainTarget = 0.67;
const againstPlain = (scenario: Scenario, target?: number): Scenario => ({
  ...scenario,
  plainFloor: target === undefined ? {} : { target },
});

const feedOf = (groupId: string) => `/groups/${groupId}/activities?limit=20`;
const statsOf = (groupId: string, range: string) => `/groups/${groupId}/stats?range=${range}&timezone=America/New_York`;

export const mainScenarios: Scenario[] = [
  againstPlain(read('S1', 'get a group (coach, 100 members)', `/groups/${m100}`, 0.6), plainTarget),
  againstPlain(read('S2', 'list groups (200 groups, page_size=50)', '/groups?page_size=50', 0.5), plainTarget),
  againstPlain(read('S3', 'activity feed limit=20 (100 members)', feedOf(m100), 0.6), plainTarget),
  againstPlain(read('S4-30d', 'stats 30d (100 members, America/New_York)', statsOf(m100, '30d')), plainTarget),
  againstPlain(read('S4-90d', 'stats 90d (100 members, America/New_York)', statsOf(m100, '90d'), 0.5), plainTarget),
  {
    id: 'S5',
    title: 'replace members (10 changes in a 100-member list)',
    kind: 'replace-members',
    userId: coach,
    target: 0.4,
    database: 'main',
  },
  {
    id: 'S6',
    title: 'create then delete a group',
    kind: 'create-delete',
    userId: coach,
    target: 0.4,
    database: 'main',
  },
  againstPlain(read('S7', 'audit log page (page_size=50)', `/groups/${m100}/audit?page_size=50`, 0.6), plainTarget),
];

const members10 = benchIds.group(0, sizedGroups.members10);
const members1000 = benchIds.group(0, sizedGroups.members1000);

export const growthScenarios: Scenario[] = [
  againstPlain({
    ...read('S4-90d-2M', 'stats 90d, 2,000,000 activities in the table', statsOf(m100, '90d')),
    database: 'large',
  }),
  againstPlain(read('S4-90d-m10', 'stats 90d, 10 members', statsOf(members10, '90d'))),
  againstPlain({
    ...read('S4-90d-m1000', 'stats 90d, 1,000 members (-c 4)', statsOf(members1000, '90d')),
    connections: 4,
  }),
  againstPlain(
    read(
      'S2-g20',
      'list groups, organization with 20 groups',
      '/groups?page_size=50',
      undefined,
      benchIds.listCoach(20),
    ),
  ),
  againstPlain(
    read(
      'S2-g2000',
      'list groups, organization with 2,000 groups',
      '/groups?page_size=50',
      undefined,
      benchIds.listCoach(2000),
    ),
  ),
  // The feed by group size and table size (issue 31: at least two thirds of the plain floor at each).
  againstPlain(read('S3-m10', 'activity feed limit=20, 10 members', feedOf(members10)), plainTarget),
  againstPlain(
    { ...read('S3-m1000', 'activity feed limit=20, 1,000 members (-c 4)', feedOf(members1000)), connections: 4 },
    plainTarget,
  ),
  againstPlain(
    { ...read('S3-2M', 'activity feed limit=20, 2,000,000 activities in the table', feedOf(m100)), database: 'large' },
    plainTarget,
  ),
];

/**
 * Reads at scale (issue 23): the heavy reads on the 2,000,000-activity data set at one
 * connection, each beside its anchor (bench/anchors.ts). Custom is the 60 days up to the
 * hour the benchmark started.
 */
const hourMs = 3_600_000;
const customTo = Math.floor(Date.now() / hourMs) * hourMs;
export const customRange = { fromTs: (customTo - 60 * 24 * hourMs) / 1000, toTs: customTo / 1000 };
export const scaleStatsRanges = ['7d', '30d', '90d', 'custom'] as const;
export const scaleGroups = {
  m30: benchIds.group(0, sizedGroups.members30),
  m1000: benchIds.group(0, sizedGroups.members1000),
  feed: m100,
} as const;
export const scaleTarget = 0.67;

const statsQuery = (range: (typeof scaleStatsRanges)[number]) =>
  range === 'custom'
    ? `range=custom&from_ts=${customRange.fromTs}&to_ts=${customRange.toTs}&timezone=America/New_York`
    : `range=${range}&timezone=America/New_York`;

const atScale = (scenario: Scenario): Scenario => ({ ...scenario, database: 'large', connections: 1 });

export const scaleScenarios: Scenario[] = [
  ...(['m30', 'm1000'] as const).flatMap((size) =>
    scaleStatsRanges.map((range) =>
      atScale(
        read(
          `R-stats-${range}-${size}`,
          `stats ${range}, ${size === 'm30' ? '30' : '1,000'} members, 2M activities, -c 1`,
          `/groups/${scaleGroups[size]}/stats?${statsQuery(range)}`,
          scaleTarget,
        ),
      ),
    ),
  ),
  atScale(read('R-feed', 'feed page limit=20, 100 members, 2M activities, -c 1', feedOf(m100), scaleTarget)),
  atScale(
    read(
      'R-list',
      "coach's list with its summary, page_size=50, 2M activities, -c 1",
      '/groups?page_size=50',
      scaleTarget,
    ),
  ),
];

/** S5's two member lists: A is athletes 0–99, B drops 0–4 and adds 100–104 (10 changes). */
export function memberLists(): { a: string[]; b: string[] } {
  const athletes = Array.from({ length: 105 }, (_, k) => benchIds.athlete(0, k));
  return { a: athletes.slice(0, 100), b: athletes.slice(5, 105) };
}

export const writeGroups = Array.from({ length: writeGroupCount }, (_, j) => benchIds.writeGroup(j));
