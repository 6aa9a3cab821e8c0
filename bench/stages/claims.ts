// A claim's cost against the backlog (bench/claim-cost.ts), in a scratch database beside the
// main one.
import { measureClaimCost } from '../claim-cost.js';
import type { RunContext } from '../lib/context.js';
import { benchDatabaseUrl, databaseName } from '../lib/mysql.js';
import { skips } from '../lib/options.js';
import type { ClaimCostResults } from '../lib/results.js';

export async function claimCost(context: RunContext): Promise<ClaimCostResults | undefined> {
  const { options } = context;
  if (skips(options, 'claims')) return undefined;
  return measureClaimCost({
    url: benchDatabaseUrl(`${databaseName(context.mainUrl)}_claims`),
    sizes: options.quick ? [1000, 10_000] : [10_000, 100_000, 1_000_000],
    rounds: options.quick ? 3 : 20,
    healthyEndpoints: 5,
    log: context.log,
  });
}
