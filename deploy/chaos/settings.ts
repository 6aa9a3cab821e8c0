// What a chaos run can be told from its environment (deploy/README.md lists the variables).
import { chaosSeed } from './seeded-random.js';

export interface ChaosSettings {
  /** Every random choice of the run derives from it (CHAOS_SEED, or drawn when unset). */
  seed: number;
  clients: number;
  /** Mean pause of a client between operations. */
  thinkMs: number;
  /** Load before the first fault, between faults and after the last recovery. */
  phaseSeconds: number;
  /** Times the writer is SIGKILLed in all (the first among the other faults, the rest after them). */
  writerKills: number;
  /** Load after each of the further writer kills and after its failback. */
  writerKillPhaseSeconds: number;
  /** Each stretch of load lasts its length times a factor drawn from [1 - jitter, 1 + jitter]. */
  phaseJitter: number;
  /** The longest the writer's SIGKILL may disrupt writes, as the median over the kills. */
  writerFailoverBudgetMs: number;
  requireRetryAfter: boolean;
  /** The command that runs the same schedule and load choices again. */
  replayCommand: string;
}

/** The variables the schedule and the load depend on, besides the seed. */
const shapingVariables = [
  'CLUSTER_CLIENTS',
  'CLUSTER_THINK_MS',
  'CLUSTER_PHASE_SECONDS',
  'CLUSTER_WRITER_KILLS',
  'CLUSTER_WRITER_KILL_PHASE_SECONDS',
  'CLUSTER_PHASE_JITTER',
];

export function chaosSettings(env: NodeJS.ProcessEnv): ChaosSettings {
  const seed = chaosSeed(env.CHAOS_SEED);
  const shaping = shapingVariables.flatMap((name) => (env[name] === undefined ? [] : [`${name}=${env[name]}`]));
  return {
    seed,
    clients: Number(env.CLUSTER_CLIENTS ?? 4),
    thinkMs: Number(env.CLUSTER_THINK_MS ?? 100),
    phaseSeconds: Number(env.CLUSTER_PHASE_SECONDS ?? 12),
    writerKills: Math.max(1, Number(env.CLUSTER_WRITER_KILLS ?? 3)),
    writerKillPhaseSeconds: Number(env.CLUSTER_WRITER_KILL_PHASE_SECONDS ?? 4),
    phaseJitter: Number(env.CLUSTER_PHASE_JITTER ?? 0.25),
    writerFailoverBudgetMs: 2000,
    requireRetryAfter: env.CLUSTER_REQUIRE_RETRY_AFTER !== '0',
    replayCommand: [...shaping, `CHAOS_SEED=${seed}`, 'npm run cluster:test'].join(' '),
  };
}
