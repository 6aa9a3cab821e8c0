// npm run bench [-- --quick] [--only S1,S4-90d] [--connections 32] [--warmup 5] [--duration 12] [--rounds 3]
//   [--database groups_bench] [--large-database groups_bench_2m] [--out bench] [--generate]
//   [--skip cold-start,validation,probe-flood,tracing,webhooks,isolation,claims,profile,anchors,heap]
//   [--compare-pool 32] [--webhooks-only] [--profile-dispatcher] [--profile-scenario S4-90d]
// --webhooks-only runs the webhook stages alone (bench/webhooks.ts, bench/webhook-isolation.ts,
// bench/claim-cost.ts) and writes their sections into the existing <out>/results.json.
// Starts the service as production does, a floor server for the same statements (floor.ts) and
// one for the simplest plain statements (plain-floor.ts), drives them with autocannon in
// interleaved rounds one scenario after another, and writes results.json and RESULTS.md.
// The service starts with the production start command, `node dist/src/cli/serve.js` (`npm run
// bench` builds first); BENCH_START replaces it (the smoke test runs the same entry from src/).
// Each stage is a function in bench/stages/ that takes the run's context and returns its
// results; this file runs them in order and writes what they returned.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { mariadbVersion } from './lib/bench-database.js';
import { createRunContext, type RunContext } from './lib/context.js';
import { databaseName } from './lib/mysql.js';
import { parseRunOptions } from './lib/options.js';
import { renderMarkdown } from './lib/report.js';
import { mergeResults } from './lib/results-file.js';
import type { BenchResults } from './lib/results.js';
import { anchors } from './stages/anchors.js';
import { claimCost } from './stages/claims.js';
import { coldStart } from './stages/cold-start.js';
import { isolation } from './stages/isolation.js';
import { largeScenarioSet } from './stages/large-dataset.js';
import { ensureMainData, migrateMainDatabase } from './stages/main-database.js';
import { mainScenarioSet } from './stages/main-scenarios.js';
import { poolComparison } from './stages/pool-comparison.js';
import { probeFlood } from './stages/probe-flood.js';
import { profileStage } from './stages/profile.js';
import { tracingCost } from './stages/tracing.js';
import { validationCost } from './stages/validation.js';
import { webhooks } from './stages/webhooks.js';

function exitWith(message: string): never {
  console.error(message);
  process.exit(1);
}

/** The webhook stages: latency and throughput, a dead neighbour beside a healthy endpoint, a claim's cost against the backlog. */
async function webhookStages(
  context: RunContext,
): Promise<Pick<BenchResults, 'webhooks' | 'webhookIsolation' | 'claimCost'>> {
  return {
    webhooks: await webhooks(context),
    webhookIsolation: await isolation(context),
    claimCost: await claimCost(context),
  };
}

/** The larger of the sets' services' RSS after their last scenario, and whose it was. */
function rssAfterRun(endRssMb: Record<'main' | 'large', number | undefined>): Pick<BenchResults, 'rssAfterRun'> {
  const [set, mb] =
    (Object.entries(endRssMb) as ['main' | 'large', number | undefined][])
      .filter((entry): entry is ['main' | 'large', number] => entry[1] !== undefined)
      .sort((a, b) => b[1] - a[1])[0] ?? [];
  return set === undefined || mb === undefined ? {} : { rssAfterRun: { mb, set } };
}

const roundedLoad = () => loadavg().map((n) => Math.round(n * 100) / 100);

const options = parseRunOptions();
const startCommand = process.env.BENCH_START ?? 'node dist/src/cli/serve.js';
if (!process.env.BENCH_START && !existsSync('dist/src/cli/serve.js'))
  exitWith('bench: no production build; run `npm run build` first (`npm run bench` does).');
const context = createRunContext(options, startCommand);
const { mainUrl, largeUrl, log } = context;

if (!(await ensureMainData(context)))
  exitWith(`${databaseName(mainUrl)} has no benchmark data: run npm run bench:data first (see bench/README.md).`);
const startedAt = new Date();
const loadBefore = roundedLoad();
const mainActivities = await migrateMainDatabase(context);
if (options.webhooksOnly) {
  if (!mergeResults(options.out, await webhookStages(context)))
    exitWith(`bench: no ${join(options.out, 'results.json')} to write the webhook stages into`);
  log(`wrote the webhook stages into ${join(options.out, 'results.json')} and ${join(options.out, 'RESULTS.md')}`);
  process.exit(0);
}

const coldStarts = await coldStart(context);
const main = await mainScenarioSet(context);
const large = await largeScenarioSet(context);
const anchorResults = await anchors(context, large);
const validation = await validationCost(context);
const probeFloodResults = await probeFlood(context);
const tracing = await tracingCost(context);
const poolResults = await poolComparison(context);
const webhookSections = await webhookStages(context);
const profile = await profileStage(context, main.results);

const results: BenchResults = {
  startedAt: startedAt.toISOString(),
  finishedAt: new Date().toISOString(),
  machine: {
    cores: cpus().length,
    cpu: cpus()[0]?.model,
    node: process.version,
    mariadb: await mariadbVersion(mainUrl),
    loadAverageBefore: loadBefore,
    loadAverageAfter: roundedLoad(),
  },
  settings: { ...options.settings, quick: options.quick, startCommand, poolMax: Number(process.env.DB_POOL_MAX ?? 10) },
  data: {
    main: { database: databaseName(mainUrl), activities: mainActivities },
    ...(large ? { large: { database: databaseName(largeUrl), activities: large.activities } } : {}),
  },
  coldStartMs: coldStarts.serviceMs,
  coldStartFloorMs: coldStarts.floorMs,
  peakRssMb: Math.max(main.peakRssMb ?? 0, large?.peakRssMb ?? 0),
  memory: {
    main: { peakRssMb: main.peakRssMb, endRssMb: main.endRssMb, heap: main.heap },
    ...(large ? { large: { peakRssMb: large.peakRssMb, endRssMb: large.endRssMb, heap: large.heap } } : {}),
  },
  ...rssAfterRun({ main: main.endRssMb, large: large?.endRssMb }),
  anchors: anchorResults,
  scenarios: [...main.results, ...(large?.results ?? [])],
  validation,
  probeFlood: probeFloodResults,
  tracing,
  poolComparison: poolResults,
  ...webhookSections,
  profile,
};
mkdirSync(options.out, { recursive: true });
writeFileSync(join(options.out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(options.out, 'RESULTS.md'), renderMarkdown(results));
log(`wrote ${join(options.out, 'results.json')} and ${join(options.out, 'RESULTS.md')}`);
