// The benchmark's scenarios: what one request is, who sends it, and the target ratio to the
// floor (bench/README.md). Read scenarios repeat one request; S5 and S6 change data and are
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
  /** Minimum service ÷ floor throughput. */
  target?: number;
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

export const mainScenarios: Scenario[] = [
  read('S1', 'get a group (coach, 100 members)', `/groups/${m100}`, 0.6),
  read('S2', 'list groups (200 groups, page_size=50)', '/groups?page_size=50', 0.5),
  read('S3', 'activity feed limit=20 (100 members)', `/groups/${m100}/activities?limit=20`, 0.6),
  read(
    'S4-30d',
    'stats 30d (100 members, America/New_York)',
    `/groups/${m100}/stats?range=30d&timezone=America/New_York`,
  ),
  read(
    'S4-90d',
    'stats 90d (100 members, America/New_York)',
    `/groups/${m100}/stats?range=90d&timezone=America/New_York`,
    0.5,
  ),
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
  read('S7', 'audit log page (page_size=50)', `/groups/${m100}/audit?page_size=50`, 0.6),
];

export const growthScenarios: Scenario[] = [
  {
    ...read(
      'S4-90d-2M',
      'stats 90d, 2,000,000 activities in the table',
      `/groups/${m100}/stats?range=90d&timezone=America/New_York`,
    ),
    database: 'large',
  },
  read(
    'S4-90d-m10',
    'stats 90d, 10 members',
    `/groups/${benchIds.group(0, sizedGroups.members10)}/stats?range=90d&timezone=America/New_York`,
  ),
  {
    ...read(
      'S4-90d-m1000',
      'stats 90d, 1,000 members (-c 4)',
      `/groups/${benchIds.group(0, sizedGroups.members1000)}/stats?range=90d&timezone=America/New_York`,
    ),
    connections: 4,
  },
  read('S2-g20', 'list groups, organization with 20 groups', '/groups?page_size=50', undefined, benchIds.listCoach(20)),
  read(
    'S2-g2000',
    'list groups, organization with 2,000 groups',
    '/groups?page_size=50',
    undefined,
    benchIds.listCoach(2000),
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
  atScale(
    read(
      'R-feed',
      'feed page limit=20, 100 members, 2M activities, -c 1',
      `/groups/${m100}/activities?limit=20`,
      scaleTarget,
    ),
  ),
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
