// What the run prints for a person: the seed and schedule first, the measurements after the
// load, and on failure how to run the same chaos again.
import type { CheckResult } from './checks.js';
import { seconds } from './format.js';
import type { DatabaseVerdict } from './ledger-verdict.js';
import type { LoadRecord } from './load-through-faults.js';
import { median, recovery, writeLatency, writerFailovers, type AttemptSummary } from './measures.js';
import { neighbourOrgId } from './noisy-neighbour.js';
import { describeSchedule, type Schedule } from './schedule.js';
import type { EventsVerdict } from './webhooks.js';

export function printSchedule(schedule: Schedule, seedGiven: boolean, replayCommand: string): void {
  console.log(
    `chaos seed ${schedule.seed} (${seedGiven ? 'from CHAOS_SEED' : 'drawn'}; \`${replayCommand}\` replays it)`,
  );
  console.log('fault schedule (load time before each step, from the end of the previous one):');
  for (const line of describeSchedule(schedule)) console.log(`  ${line}`);
}

export function printResults(
  record: LoadRecord,
  verdict: DatabaseVerdict,
  summary: AttemptSummary,
  events: EventsVerdict,
): void {
  const { ledger, attempts, timeline, loadEndedAt } = record;
  const { counts } = ledger;
  const { windows, loadStartedAt } = timeline;
  const writes = counts.creates + counts.updates + counts.deletes;
  const loadSeconds = (loadEndedAt - loadStartedAt) / 1000;
  console.log('\nresults');
  console.log(
    `  writes made: ${writes} (${counts.creates} creates, ${counts.updates} member PUTs, ${counts.deletes} deletes) in ${loadSeconds.toFixed(0)} s, ${(writes / loadSeconds).toFixed(1)}/s; acknowledged: ${counts.acknowledged}; reads: ${counts.reads}`,
  );
  console.log(
    `  HTTP attempts: ${attempts.length}; by status: ${[...summary.statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status || 'no answer'}=${n}`)
      .join(', ')}`,
  );
  console.log(
    `  creates without 200: ${ledger.unacknowledgedCreates.length} (409 idempotency_key_in_use: ${counts.keyInUse}; committed anyway: ${verdict.committedUnacknowledged}); writes that outlasted the SDK retries: ${counts.retriedByClient}`,
  );
  console.log(`  write latency before the first fault: ${writeLatency(attempts, loadStartedAt, windows[0]!.at)}`);
  console.log(`  write latency over the whole run:     ${writeLatency(attempts, loadStartedAt, loadEndedAt)}`);
  for (const window of windows) {
    const measured = recovery(window, attempts);
    console.log(
      `  ${window.label}: ${measured.failures} failed attempts, disruption ${seconds(measured.disruptionMs)}, first acknowledged write after ${measured.firstWriteMs === undefined ? 'none' : seconds(measured.firstWriteMs)}, slowest attempt ${seconds(measured.slowestMs)}`,
    );
  }
  const failovers = writerFailovers(windows, attempts);
  console.log(
    `  writer failover (SIGKILL, ${failovers.length} kills): disruption median ${seconds(median(failovers))}, each ${failovers.map(seconds).join(', ')}`,
  );
  for (const rejoin of record.rejoins)
    console.log(
      `  the writer rejoined in ${seconds(rejoin.ms)} by ${rejoin.transfer}: wsrep_cluster_size ${rejoin.size}, ${rejoin.state}`,
    );
  const noAnswers = attempts.flatMap((attempt) =>
    attempt.error ? [`t+${seconds(attempt.startedAt - loadStartedAt)} no answer: ${attempt.error}`] : [],
  );
  for (const problem of [...noAnswers, ...ledger.unexpected, ...verdict.problems].slice(0, 20))
    console.log(`  ! ${problem}`);
  printEvents(events, counts.acknowledged);
}

function printEvents(events: EventsVerdict, acknowledged: number): void {
  console.log(
    `  events: ${events.events} for ${acknowledged} acknowledged writes (and the committed creates without 200); receipts ${events.receipts}, duplicates ${events.duplicates}; every event received ${events.allDeliveredAfterMs === undefined ? 'never' : `${seconds(events.allDeliveredAfterMs)} after the load ended`}`,
  );
  const { neighbour } = events;
  console.log(
    `  noisy neighbour (${neighbourOrgId}, an endpoint that never answers, 1,000 deliveries queued): ${neighbour.attempts} attempts, at most ${neighbour.mostOpen} connections open at once, ${neighbour.consecutive_failures} failures in a row, paused until ${neighbour.paused_until ? new Date(neighbour.paused_until).toISOString() : 'not paused'}`,
  );
}

/** On failure: what failed, and the command that runs the same schedule and load choices again. */
export function printFailureReport(seed: number, failed: readonly CheckResult[], replayCommand: string): void {
  console.log(`\nchaos run failed with seed ${seed}:`);
  for (const result of failed) console.log(`  ✘ ${result.text}`);
  console.log(`  the same fault schedule and load choices again: ${replayCommand}`);
}
