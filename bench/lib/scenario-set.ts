// A set of scenarios on one database: the replayed floor's plan captured from the service, then
// the service, the replayed floor and (for the scenarios it judges) the plain floor started side
// by side and measured scenario after scenario in interleaved rounds, each ratio the median of
// the rounds'; the service's memory at the end, with a heap snapshot unless skipped.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareAnswers } from './answers.js';
import { resetWrites } from './bench-database.js';
import { startService, tsx, type RunContext } from './context.js';
import { summarizeHeapSnapshot, takeHeapSnapshot, type HeapSummary } from './heap.js';
import { skips } from './options.js';
import { floorPlan } from './plan-capture.js';
import { peakRssMb, rssMb, startServer, words, type Started } from './processes.js';
import type { ScenarioResult } from './results.js';
import type { Scenario } from './scenarios.js';
import { combine, measureInRounds, roundRatios } from './slices.js';

export interface SetResults {
  results: ScenarioResult[];
  peakRssMb?: number;
  /** The service's RSS after its last scenario. */
  endRssMb?: number;
  heap?: HeapSummary;
}

/** The start command, with a heap snapshot on SIGUSR2 when it is node's (written into the log folder). */
function serviceCommand(context: RunContext): string[] {
  const command = words(context.startCommand);
  if (command[0] !== 'node' || skips(context.options, 'heap')) return command;
  return ['node', '--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${context.logDir}`, ...command.slice(1)];
}

export async function runSet(
  context: RunContext,
  url: string,
  scenarios: Scenario[],
  label: string,
): Promise<SetResults> {
  const { log, logDir } = context;
  log(`${label}: capturing the service's statements for ${scenarios.map((s) => s.id).join(', ')}`);
  await resetWrites(url);
  const plan = await floorPlan(context, url, scenarios);
  const planFile = join(logDir, `plan-${label}.json`);
  writeFileSync(planFile, JSON.stringify(plan));
  const command = serviceCommand(context);
  const service = await startService(context, url, `service-${label}.log`, { command });
  const floorEnv = {
    DATABASE_URL: url,
    AUTH_JWT_SECRET: context.secrets.jwtSecret,
    DB_POOL_MAX: process.env.DB_POOL_MAX ?? '10',
  };
  const floor = await startServer([...tsx, 'bench/floor.ts', planFile], floorEnv, join(logDir, `floor-${label}.log`));
  const plainFloor = scenarios.some((scenario) => scenario.plainFloor)
    ? await startServer(
        [...tsx, 'bench/plain-floor.ts'],
        { ...floorEnv, PAGE_TOKEN_SECRET: context.secrets.pageTokenSecret },
        join(logDir, `plain-floor-${label}.log`),
      )
    : undefined;
  const results: ScenarioResult[] = [];
  try {
    for (const scenario of scenarios) {
      const result = await measureScenario(context, scenario, service, floor, scenario.plainFloor && plainFloor);
      const plain = result.plain
        ? `, plain floor ${result.plain.floor.requestsPerSecond} req/s, ratio ${result.plain.ratio}`
        : '';
      log(
        `${scenario.id}: service ${result.service.requestsPerSecond} req/s, floor ${result.floor!.requestsPerSecond} req/s, ratio ${result.ratio}${plain}`,
      );
      results.push(result);
    }
    const peak = peakRssMb(service.process.pid);
    const end = rssMb(service.process.pid);
    const heap = command[1]?.startsWith('--heapsnapshot-signal')
      ? summarizeHeapSnapshot(await takeHeapSnapshot(service.process.pid, logDir))
      : undefined;
    if (heap) log(`${label}: heap ${heap.totalMb} MB: ${heap.top.map((h) => `${h.holder} ${h.mb}`).join(', ')}`);
    return {
      results,
      ...(peak === undefined ? {} : { peakRssMb: peak }),
      ...(end === undefined ? {} : { endRssMb: end }),
      ...(heap ? { heap } : {}),
    };
  } finally {
    await service.process.stop();
    await floor.process.stop();
    await plainFloor?.process.stop();
  }
}

/** One scenario: service, replayed floor and plain floor (when given) in interleaved rounds. */
async function measureScenario(
  context: RunContext,
  scenario: Scenario,
  service: Started,
  floor: Started,
  plainFloor: Started | undefined,
): Promise<ScenarioResult> {
  const answers = plainFloor && (await compareAnswers(context, service, plainFloor, scenario));
  const [onService, onFloor, onPlainFloor] = await measureInRounds(
    context,
    plainFloor ? [service, floor, plainFloor] : [service, floor],
    scenario,
  );
  return {
    id: scenario.id,
    title: scenario.title,
    ...(scenario.target ? { target: scenario.target } : {}),
    service: combine(onService!),
    floor: combine(onFloor!),
    ...roundRatios(onFloor!, onService!),
    ...(onPlainFloor && answers
      ? {
          plain: {
            floor: combine(onPlainFloor),
            ...roundRatios(onPlainFloor, onService!),
            ...(scenario.plainFloor?.target ? { target: scenario.plainFloor.target } : {}),
            answers,
          },
        }
      : {}),
  };
}
