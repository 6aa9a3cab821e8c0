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

/** The plain floor's side of a scenario (bench/plain-floor.ts). */
export interface PlainFloorResult {
  floor: DriveResult;
  /** Service ÷ plain floor throughput: the median over the rounds, and each round's. */
  ratio: number;
  ratioRounds: number[];
  target?: number;
  /** SHA-256 of each answer to the scenario's request (status and canonical JSON), taken just before the measurement. */
  answers: { service: string; plainFloor: string };
}

export interface ScenarioResult {
  id: string;
  title: string;
  /** Minimum service ÷ (replayed) floor throughput. */
  target?: number;
  service: DriveResult;
  floor?: DriveResult;
  /** Service ÷ floor throughput: in the scenario sets the median over the rounds, else over the slices combined. */
  ratio?: number;
  /** Service ÷ floor throughput of each round. */
  ratioRounds?: number[];
  plain?: PlainFloorResult;
}

export interface LatencySummary {
  p50: number;
  p95: number;
  max: number;
  samples: number;
}

/** One standalone dispatcher sending a queued backlog to a receiver that answers at once. */
export interface WebhookThroughput {
  deliveries: number;
  endpoints: number;
  organizations: number;
  /** From the first receipt to the last. */
  perSecond: number;
  seconds: number;
  /** CPU over the same span per delivery: the dispatcher, the database server, the receiver (the benchmark's process). */
  cpuMsPerDelivery?: { dispatcher: number; database?: number; receiver: number };
  /** The database server's counters over the same span per delivery (SHOW GLOBAL STATUS: Questions, Com_commit, Innodb_row_lock_waits…; server-wide). */
  databasePerDelivery?: Record<string, number>;
  /** Attempts recorded on these deliveries, and how many succeeded: each once when no claim lapsed. */
  attempts?: number;
  succeeded?: number;
  /** `node --cpu-prof` of the dispatcher over that span (a run of its own). */
  profile?: ProfileSummary;
}

/** bench/webhooks.ts: change → receipt latency, and a dispatcher's deliveries a second. */
export interface WebhookResults {
  /** When and how this stage ran (it may be merged into an older run's results). */
  measuredAt?: string;
  startCommand?: string;
  loadAverageBefore?: number[];
  loadAverageAfter?: number[];
  changes: number;
  deliveries: number;
  latencyInsideApiMs: LatencySummary;
  latencyStandaloneMs: LatencySummary;
  /** The dispatcher's defaults in this run. */
  dispatcher?: { concurrency: number; endpointConcurrency: number; organizationConcurrency: number };
  /** Runs before keep-alive and per-endpoint caps: one endpoint at concurrency 8 and 32. */
  deliveriesPerSecond?: { concurrency8: number; concurrency32: number };
  throughput?: { spread: WebhookThroughput; oneEndpoint?: WebhookThroughput; profiled?: WebhookThroughput };
}

/** bench/webhook-isolation.ts: one organization's healthy endpoint beside another's dead one. */
export interface NeighbourVariant {
  /** `tcp`: a server that accepts and never answers; `dns`: names under a zone that never answers. */
  neighbour: 'tcp' | 'dns';
  backlog: number;
  neighbourEndpoints: number;
  changes: number;
  /** One change every this many ms. */
  intervalMs: number;
  /** Org B's change → receipt, without the neighbour and beside it. */
  withoutMs: LatencySummary;
  withMs: LatencySummary;
  /** Changes whose delivery had not arrived 30 s after the last change. */
  missing: { without: number; with: number };
  ratioP50: number;
  ratioP95: number;
  /** The TCP black hole: the most connections it held at once, and how many it accepted. */
  blackHole?: { mostConnections: number; accepted: number };
  /** Questions the benchmark's name server got for names under the black-hole zone. */
  dnsBlackHoleQuestions?: number;
  /** Org A's endpoints when the measurement ended (from GET /api/v1/webhook-endpoints). */
  neighbourState: {
    endpoints: number;
    paused: number;
    mostConsecutiveFailures: number;
    /** Attempts recorded on org A's deliveries by then. */
    attempts: number;
    /** From queueing the backlog to the first endpoint's pause; absent when none paused. */
    firstPausedAfterMs?: number;
  };
  /** New endpoints registered under the black-hole zone during the measurement. */
  registrations?: {
    perSecond: number;
    sent: number;
    created: number;
    createdMs: LatencySummary;
    limitReached: number;
    limitReachedMs: LatencySummary;
    /** 409s that took over 500 ms: they passed the count before the lookup while earlier registrations were still looking up, and were refused by the count under the lock after it. */
    limitReachedAfterLookup: number;
    other: Record<string, number>;
  };
}

export interface WebhookIsolationResults {
  measuredAt: string;
  startCommand: string;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
  dispatcher: {
    concurrency: number;
    endpointConcurrency: number;
    organizationConcurrency: number;
    timeoutMs: number;
    dnsTimeoutMs: number;
  };
  tcp?: NeighbourVariant;
  dns?: NeighbourVariant;
}

/** One row of MariaDB's ANALYZE (EXPLAIN's columns and r_rows, the rows really read). */
export interface PlanRow {
  id: number | null;
  select_type: string;
  table: string | null;
  type: string | null;
  key: string | null;
  rows: number | string | null;
  r_rows: number | string | null;
  Extra: string | null;
}

export interface ClaimTiming {
  p50: number;
  max: number;
}

/** bench/claim-cost.ts: one claim round against a backlog at one dead endpoint. */
export interface ClaimCostResults {
  measuredAt: string;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
  database: string;
  rounds: number;
  healthyEndpoints: number;
  rows: {
    pending: number;
    /** Seconds to insert the rows added at this size. */
    fillSeconds: number;
    claimed: number;
    totalMs: ClaimTiming;
    dueEndpointsMs: ClaimTiming;
    liveClaimsMs: ClaimTiming;
    claimDeliveriesMs: ClaimTiming;
  }[];
  /** The largest size's p50 over the smallest's (target ≤ 2). */
  growth: number;
  /** EXPLAIN of the claim's reads at the largest size. */
  explain: { statement: string; sql: string; plan: PlanRow[] }[];
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
  /** Exec → first /readyz 200 of the service's start command. */
  coldStartMs: number[];
  /** The same of bench/start-floor.mjs (express, a mysql2 pool, `select 1`), in the same runs, interleaved. */
  coldStartFloorMs?: number[];
  peakRssMb: number;
  memory?: { main: SetMemory; large?: SetMemory };
  /** The service's RSS after the run: the larger of the sets' services' RSS after their last scenario. */
  rssAfterRun?: { mb: number; set: 'main' | 'large' };
  scenarios: ScenarioResult[];
  /** bench/anchors.ts: the hand-written statements beside the reads at scale. */
  anchors?: AnchorResult[];
  validation: ScenarioResult[];
  probeFlood?: ScenarioResult[];
  tracing?: ScenarioResult[];
  poolComparison?: ScenarioResult[];
  webhooks?: WebhookResults;
  webhookIsolation?: WebhookIsolationResults;
  claimCost?: ClaimCostResults;
  profile?: { scenario: string } & ProfileSummary;
}
