// The faults of a chaos run, decided before the run from the seed and the configuration alone:
// which process each step kills or restarts and how much load runs before it. The same seed
// and configuration give the same schedule, so that a failed run can be run again as it was.
// How long the cluster then takes to notice, fail over and resync is the cluster's own: the
// schedule's offsets count load time from the end of the previous step, waits excluded.
import { seconds } from './format.js';
import { seededRandom, streams, type SeededRandom } from './seeded-random.js';

export interface ScheduleConfig {
  /** Load before the first fault, between the first faults and after the API process is back. */
  phaseMs: number;
  /** Times the writer is SIGKILLed in all: the first among the other faults, the rest after them. */
  writerKills: number;
  /** Load after each further writer kill and after its failback. */
  shortPhaseMs: number;
  /** Each stretch of load lasts its length times a factor drawn from [1 - jitter, 1 + jitter]. */
  jitter: number;
  /** The database node HAProxy sends writes to. */
  writer: string;
  /** The API processes and webhook dispatchers one of which (each) is killed and restarted. */
  apis: readonly string[];
  dispatchers: readonly string[];
}

/** The writer database node, or an API process together with a webhook dispatcher. */
export type Target = { tier: 'writer'; node: string } | { tier: 'api'; api: string; dispatcher: string };

export interface FaultStep {
  /** Load time before the step, from the end of the previous one (or from the load's start). */
  afterMs: number;
  action: 'kill' | 'restart';
  target: Target;
}

export interface Schedule {
  seed: number;
  steps: FaultStep[];
  /** Load after the last step. */
  tailMs: number;
}

export function planSchedule(seed: number, config: ScheduleConfig): Schedule {
  if (!Number.isInteger(config.writerKills) || config.writerKills < 1)
    throw new Error(`writerKills must be a whole number of at least 1, not ${config.writerKills}`);
  if (!(config.jitter >= 0 && config.jitter < 1)) throw new Error(`jitter must be in [0, 1), not ${config.jitter}`);
  const random = seededRandom(seed, streams.schedule);
  const stretch = (ms: number) => jittered(random, ms, config.jitter);
  const writer: Target = { tier: 'writer', node: config.writer };
  const api: Target = { tier: 'api', api: random.pick(config.apis), dispatcher: random.pick(config.dispatchers) };
  const steps: FaultStep[] = [
    { afterMs: stretch(config.phaseMs), action: 'kill', target: writer },
    // While the writer is still away: a second failure on top of the first.
    { afterMs: stretch(config.phaseMs), action: 'kill', target: api },
    { afterMs: stretch(config.phaseMs), action: 'restart', target: writer },
    { afterMs: stretch(config.phaseMs), action: 'restart', target: api },
  ];
  // One failover is one sample; the failover budget is checked against the median of several.
  for (let kill = 2; kill <= config.writerKills; kill++) {
    steps.push({
      afterMs: stretch(kill === 2 ? config.phaseMs : config.shortPhaseMs),
      action: 'kill',
      target: writer,
    });
    steps.push({ afterMs: stretch(config.shortPhaseMs), action: 'restart', target: writer });
  }
  const tailMs = stretch(config.writerKills > 1 ? config.shortPhaseMs : config.phaseMs);
  return { seed, steps, tailMs };
}

function jittered(random: SeededRandom, ms: number, jitter: number): number {
  return Math.round(ms * (1 + jitter * (2 * random.next() - 1)));
}

export function describeTarget(target: Target): string {
  return target.tier === 'writer' ? `${target.node} (the writer)` : `${target.api} and ${target.dispatcher}`;
}

/** The schedule as printed at the start of the run. */
export function describeSchedule(schedule: Schedule): string[] {
  return [
    ...schedule.steps.map(
      (step, index) =>
        `${String(index + 1).padStart(2)}. after ${seconds(step.afterMs)} of load: ${step.action === 'kill' ? 'SIGKILL' : 'restart'} ${describeTarget(step.target)}`,
    ),
    `    then ${seconds(schedule.tailMs)} of load`,
  ];
}
