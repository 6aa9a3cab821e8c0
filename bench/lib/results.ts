// The shape of bench/results.json: what bench/run.ts writes and bench/lib/report.ts renders.
import type { DriveResult } from '../drive.js';
import type { AnchorResult } from '../anchors.js';
import type { HeapSummary } from './heap.js';
import type { ProfileSummary } from './profile.js';

/** One service's memory over a set of scenarios. */
export interface SetMemory {
  peakRssMb?: number | undefined;
  endRssMb?: number | undefined;
  heap?: HeapSummary | undefined;
}

export interface ScenarioResult {
  id: string;
  title: string;
  target?: number;
  service: DriveResult;
  floor?: DriveResult;
  ratio?: number;
}

export interface LatencySummary {
  p50: number;
  p95: number;
  max: number;
  samples: number;
}

/** bench/webhooks.ts: change → receipt latency, and a dispatcher's deliveries a second. */
export interface WebhookResults {
  changes: number;
  deliveries: number;
  latencyInsideApiMs: LatencySummary;
  latencyStandaloneMs: LatencySummary;
  deliveriesPerSecond: { concurrency8: number; concurrency32: number };
}

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  machine: {
    cores: number;
    cpu: string | undefined;
    node: string;
    mariadb: string;
    loadAverageBefore: number[];
    loadAverageAfter: number[];
  };
  settings: {
    connections: number;
    warmupSeconds: number;
    durationSeconds: number;
    rounds: number;
    quick: boolean;
    startCommand: string;
    poolMax: number;
  };
  data: {
    main: { database: string; activities: number };
    large?: { database: string; activities: number };
  };
  coldStartMs: number[];
  peakRssMb: number;
  memory?: { main: SetMemory; large?: SetMemory };
  scenarios: ScenarioResult[];
  /** bench/anchors.ts: the hand-written statements beside the reads at scale. */
  anchors?: AnchorResult[];
  validation: ScenarioResult[];
  probeFlood?: ScenarioResult[];
  tracing?: ScenarioResult[];
  poolComparison?: ScenarioResult[];
  webhooks?: WebhookResults;
  profile?: { scenario: string } & ProfileSummary;
}
