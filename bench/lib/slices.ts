// Driving a target with bench/drive.ts: one slice with the CPU it cost, and two targets measured
// on one scenario in alternating slices, combined per target.
import { randomBytes } from 'node:crypto';
import type { DriveOptions, DriveResult } from '../drive.js';
import { resetWrites, waitForQuietDatabase } from './bench-database.js';
import { tsx, type RunContext } from './context.js';
import { cpuSeconds, runJson, type Started } from './processes.js';
import { memberLists, writeGroups, type Scenario } from './scenarios.js';

/** bench/drive.ts in a process of its own, so that the load generator's CPU is not the target's. */
export function runDriver(options: DriveOptions): Promise<DriveResult> {
  const seconds = options.warmupSeconds + options.durationSeconds;
  return runJson<DriveResult>([...tsx, 'bench/drive.ts', JSON.stringify(options)], seconds * 1000 + 60_000);
}

/**
 * One slice of `scenario` on `target`, after a warm-up of `warmup` seconds, from a quiet
 * database with the write scenarios' data put back; with the CPU per request of the target and
 * of the database server over the measured run.
 */
export async function driveOnce(
  context: RunContext,
  target: Started,
  scenario: Scenario,
  measure: number,
  warmup: number,
  onMeasureStart?: () => void,
): Promise<DriveResult> {
  const { settings } = context.options;
  const { dbPid } = context;
  const url = scenario.database === 'main' ? context.mainUrl : context.largeUrl;
  const reset = async () => {
    await waitForQuietDatabase(url);
    if (scenario.kind !== 'read') await resetWrites(url);
  };
  await reset();
  const options: DriveOptions = {
    url: target.url,
    connections: Math.min(settings.connections, scenario.connections ?? settings.connections),
    warmupSeconds: 0,
    durationSeconds: measure,
    token: await context.tokenFor(scenario.userId),
    kind: scenario.kind,
    ...(scenario.path ? { path: scenario.path } : {}),
    ...(scenario.kind === 'replace-members'
      ? { groups: writeGroups, lists: [memberLists().a, memberLists().b] as [string[], string[]] }
      : {}),
    ...(scenario.kind === 'create-delete' ? { ownerId: scenario.userId, tag: randomBytes(3).toString('hex') } : {}),
  };
  if (warmup > 0) {
    await runDriver({ ...options, durationSeconds: warmup });
    await reset();
  }
  onMeasureStart?.();
  // CPU used by the target and by the database during the measured run only.
  const before = [cpuSeconds(target.process.pid), dbPid ? cpuSeconds(dbPid) : 0];
  const result = await runDriver(options);
  const after = [cpuSeconds(target.process.pid), dbPid ? cpuSeconds(dbPid) : 0];
  const perRequest = (seconds: number) => Math.round((seconds * 1000 * 1000) / Math.max(result.requests, 1)) / 1000;
  return {
    ...result,
    cpuMsPerRequest: perRequest(after[0]! - before[0]!),
    ...(dbPid ? { dbCpuMsPerRequest: perRequest(after[1]! - before[1]!) } : {}),
  };
}

export const median = (values: number[]): number => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;

/** Slices of one target combined: rates over the summed time, the median p50 and p95, the worst p99. */
export function combine(slices: DriveResult[]): DriveResult {
  const sum = (pick: (slice: DriveResult) => number) => slices.reduce((total, slice) => total + pick(slice), 0);
  const requests = sum((slice) => slice.requests);
  const seconds = sum((slice) => slice.seconds);
  const medianOf = (pick: (slice: DriveResult) => number) => median(slices.map(pick));
  return {
    requestsPerSecond: Math.round((requests / seconds) * 10) / 10,
    seconds,
    requests,
    latencyP50: medianOf((slice) => slice.latencyP50),
    latencyP95: medianOf((slice) => slice.latencyP95 ?? 0),
    latencyP99: Math.max(...slices.map((slice) => slice.latencyP99)),
    latencyMean: Math.round((sum((slice) => slice.latencyMean * slice.requests) / Math.max(requests, 1)) * 100) / 100,
    cpuMsPerRequest:
      Math.round((sum((slice) => (slice.cpuMsPerRequest ?? 0) * slice.requests) / Math.max(requests, 1)) * 1000) / 1000,
    dbCpuMsPerRequest:
      Math.round((sum((slice) => (slice.dbCpuMsPerRequest ?? 0) * slice.requests) / Math.max(requests, 1)) * 1000) /
      1000,
    errors: sum((slice) => slice.errors),
    timeouts: sum((slice) => slice.timeouts),
    non2xx: sum((slice) => slice.non2xx),
  };
}

/**
 * Measures targets on one scenario in rounds (A, B, C, A, B, C, …), each after a warm-up of its
 * own in the first round, so that a change in the machine's load during the run falls on all
 * alike. Returns each target's slices, one per round, in the order given.
 */
export async function measureInRounds(
  context: RunContext,
  targets: Started[],
  scenario: Scenario,
): Promise<DriveResult[][]> {
  const { settings } = context.options;
  const slice = settings.durationSeconds / settings.rounds;
  const slices: DriveResult[][] = targets.map(() => []);
  for (let round = 0; round < settings.rounds; round += 1) {
    const warmup = round === 0 ? settings.warmupSeconds : 0;
    for (const [index, target] of targets.entries())
      slices[index]!.push(await driveOnce(context, target, scenario, slice, warmup));
  }
  return slices;
}

/** Two targets measured in rounds, each combined over its slices. */
export async function compare(
  context: RunContext,
  a: Started,
  b: Started,
  scenario: Scenario,
): Promise<[DriveResult, DriveResult]> {
  const [slicesA, slicesB] = await measureInRounds(context, [a, b], scenario);
  return [combine(slicesA!), combine(slicesB!)];
}

/** B's throughput as a fraction of A's, to two decimals. */
export function throughputRatio(a: DriveResult, b: DriveResult): number {
  return Math.round((b.requestsPerSecond / a.requestsPerSecond) * 100) / 100;
}

/**
 * B's throughput as a fraction of A's in each round, and their median; a round in which A
 * answered nothing has no ratio (a slow floor's short slice can end before its first answer),
 * and when no round has one, the median is that of the slices combined.
 */
export function roundRatios(a: DriveResult[], b: DriveResult[]): { ratio: number; ratioRounds: number[] } {
  const ratioRounds = a
    .map((slice, round) => throughputRatio(slice, b[round]!))
    .filter((ratio) => Number.isFinite(ratio));
  return {
    ratio: ratioRounds.length > 0 ? median(ratioRounds) : throughputRatio(combine(a), combine(b)),
    ratioRounds,
  };
}
