// Cold start: exec → first /readyz 200 of the service started as production starts it, and of
// the start floor (bench/start-floor.mjs: express, a mysql2 pool, `select 1`) on the same
// database, interleaved run by run so that the machine's load falls on both alike: once in
// quick mode and five times otherwise.
import { join } from 'node:path';
import type { RunContext } from '../lib/context.js';
import { startService } from '../lib/context.js';
import { skips } from '../lib/options.js';
import { startServer, type Started } from '../lib/processes.js';

export interface ColdStarts {
  serviceMs: number[];
  floorMs: number[];
}

async function timed(start: Promise<Started>): Promise<number> {
  const started = await start;
  await started.process.stop();
  return Math.round(started.readyMs);
}

export async function coldStart(context: RunContext): Promise<ColdStarts> {
  const starts: ColdStarts = { serviceMs: [], floorMs: [] };
  const runs = skips(context.options, 'cold-start') ? 0 : context.options.quick ? 1 : 5;
  for (let i = 0; i < runs; i += 1) {
    starts.serviceMs.push(await timed(startService(context, context.mainUrl, 'cold-start.log')));
    starts.floorMs.push(
      await timed(
        startServer(
          ['node', 'bench/start-floor.mjs'],
          { DATABASE_URL: context.mainUrl },
          join(context.logDir, 'cold-start-floor.log'),
        ),
      ),
    );
  }
  if (runs > 0)
    context.log(
      `cold start to /readyz 200: service ${starts.serviceMs.join(', ')} ms; express + mysql2 ${starts.floorMs.join(', ')} ms`,
    );
  return starts;
}
