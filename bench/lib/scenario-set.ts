// A set of scenarios on one database: the floor's plan captured from the service, then the
// service and the floor started side by side and measured scenario after scenario in
// alternating slices; the service's memory at the end, with a heap snapshot unless skipped.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resetWrites } from './bench-database.js';
import { startService, tsx, type RunContext } from './context.js';
import { summarizeHeapSnapshot, takeHeapSnapshot, type HeapSummary } from './heap.js';
import { skips } from './options.js';
import { floorPlan } from './plan-capture.js';
import { peakRssMb, rssMb, startServer, words } from './processes.js';
import type { ScenarioResult } from './results.js';
import type { Scenario } from './scenarios.js';
import { compare, throughputRatio } from './slices.js';

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
  const floor = await startServer(
    [...tsx, 'bench/floor.ts', planFile],
    { DATABASE_URL: url, AUTH_JWT_SECRET: context.secrets.jwtSecret, DB_POOL_MAX: process.env.DB_POOL_MAX ?? '10' },
    join(logDir, `floor-${label}.log`),
  );
  const results: ScenarioResult[] = [];
  try {
    for (const scenario of scenarios) {
      const [onService, onFloor] = await compare(context, service, floor, scenario);
      const ratio = throughputRatio(onFloor, onService);
      log(
        `${scenario.id}: service ${onService.requestsPerSecond} req/s, floor ${onFloor.requestsPerSecond} req/s, ratio ${ratio}`,
      );
      results.push({
        id: scenario.id,
        title: scenario.title,
        ...(scenario.target ? { target: scenario.target } : {}),
        service: onService,
        floor: onFloor,
        ratio,
      });
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
  }
}
