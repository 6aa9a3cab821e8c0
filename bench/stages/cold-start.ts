// Cold start: the service started as production starts it, timed from spawn to its first
// /readyz 200, once in quick mode and three times otherwise.
import type { RunContext } from '../lib/context.js';
import { startService } from '../lib/context.js';
import { skips } from '../lib/options.js';

export async function coldStart(context: RunContext): Promise<number[]> {
  const times: number[] = [];
  const runs = skips(context.options, 'cold-start') ? 0 : context.options.quick ? 1 : 3;
  for (let i = 0; i < runs; i += 1) {
    const started = await startService(context, context.mainUrl, 'cold-start.log');
    times.push(Math.round(started.readyMs));
    await started.process.stop();
  }
  context.log(`cold start to /readyz 200: ${times.join(', ')} ms`);
  return times;
}
