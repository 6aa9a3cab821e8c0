// --compare-pool <size>: an A/B of the service's pool size (DB_POOL_MAX) on S1, S4-90d and S5,
// the pool of this run's environment (10 by default) against the given size.
import type { RunContext } from '../lib/context.js';
import type { ScenarioResult } from '../lib/results.js';
import { mainScenarios } from '../lib/scenarios.js';
import { measurePair } from '../lib/service-pair.js';

export async function poolComparison(context: RunContext): Promise<ScenarioResult[]> {
  const size = context.options.comparePool;
  if (!size) return [];
  const base = process.env.DB_POOL_MAX ?? '10';
  return measurePair(
    context,
    context.mainUrl,
    {
      baseline: { env: { DB_POOL_MAX: base }, logName: 'pool-a.log' },
      variant: { env: { DB_POOL_MAX: size }, logName: 'pool-b.log' },
      ratioLabel: `pool ${size} ÷ pool ${base}`,
      idSuffix: `pool ${size} vs ${base}`,
    },
    mainScenarios.filter((s) => ['S1', 'S4-90d', 'S5'].includes(s.id)),
  );
}
