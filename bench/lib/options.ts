// The command line of bench/run.ts (its header lists the flags) and the driving settings it
// implies: quick mode changes the defaults, an explicit flag wins.
import { parseArgs } from 'node:util';
import type { Scenario } from './scenarios.js';

export interface DriveSettings {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** Alternating slices per target and scenario. */
  rounds: number;
}

/** A stage `--skip` can leave out. */
export type SkippableStage =
  | 'cold-start'
  | 'validation'
  | 'probe-flood'
  | 'tracing'
  | 'webhooks'
  | 'isolation'
  | 'claims'
  | 'profile'
  | 'anchors'
  | 'heap';

export interface RunOptions {
  quick: boolean;
  settings: DriveSettings;
  /** Scenario ids to run (`--only`); absent: all. */
  only: string[] | undefined;
  skip: ReadonlySet<string>;
  /** `--database`; absent: DATABASE_URL's, else groups_bench. */
  database: string | undefined;
  largeDatabase: string;
  out: string;
  generate: boolean;
  profileScenario: string | undefined;
  /** `--compare-pool`: the pool size measured against DB_POOL_MAX. */
  comparePool: string | undefined;
  webhooksOnly: boolean;
  profileDispatcher: boolean;
}

export function parseRunOptions(args: string[] = process.argv.slice(2)): RunOptions {
  const { values } = parseArgs({
    args,
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      connections: { type: 'string' },
      warmup: { type: 'string' },
      duration: { type: 'string' },
      rounds: { type: 'string' },
      database: { type: 'string' },
      'large-database': { type: 'string', default: 'groups_bench_2m' },
      out: { type: 'string', default: 'bench' },
      generate: { type: 'boolean', default: false },
      'profile-scenario': { type: 'string' },
      'compare-pool': { type: 'string' },
      skip: { type: 'string', default: '' },
      'webhooks-only': { type: 'boolean', default: false },
      'profile-dispatcher': { type: 'boolean', default: false },
    },
  });
  const quick = values.quick;
  return {
    quick,
    settings: {
      connections: Number(values.connections ?? (quick ? 4 : 32)),
      warmupSeconds: Number(values.warmup ?? (quick ? 0 : 5)),
      durationSeconds: Number(values.duration ?? (quick ? 1 : 12)),
      rounds: Number(values.rounds ?? (quick ? 1 : 3)),
    },
    only: values.only?.split(','),
    skip: new Set(values.skip.split(',')),
    database: values.database,
    largeDatabase: values['large-database'],
    out: values.out,
    generate: values.generate,
    profileScenario: values['profile-scenario'],
    comparePool: values['compare-pool'],
    webhooksOnly: values['webhooks-only'],
    profileDispatcher: values['profile-dispatcher'],
  };
}

export const skips = (options: RunOptions, stage: SkippableStage): boolean => options.skip.has(stage);

export const isSelected = (options: RunOptions, scenario: Scenario): boolean =>
  !options.only || options.only.includes(scenario.id);
