// The growth and scale scenarios on the 2,000,000-activity database, when it has its data
// (never in quick mode): migrated first, as the main one is.
import { activityCount, databaseReady, migrate } from '../lib/bench-database.js';
import type { RunContext } from '../lib/context.js';
import { databaseName } from '../lib/mysql.js';
import { isSelected } from '../lib/options.js';
import { runSet, type SetResults } from '../lib/scenario-set.js';
import { growthScenarios, scaleScenarios } from '../lib/scenarios.js';

export type LargeSetResults = SetResults & { activities: number };

export async function largeScenarioSet(context: RunContext): Promise<LargeSetResults | undefined> {
  const { options, largeUrl, log } = context;
  const scenarios = [...growthScenarios.filter((s) => s.database === 'large'), ...scaleScenarios].filter((s) =>
    isSelected(options, s),
  );
  if (options.quick || scenarios.length === 0) return undefined;
  if (!(await databaseReady(largeUrl))) {
    log(`skipping the 2,000,000-activity growth: ${databaseName(largeUrl)} has no benchmark data`);
    return undefined;
  }
  await migrate(largeUrl, context.webhookSecrets.keys);
  const activities = await activityCount(largeUrl);
  log(`large database ${databaseName(largeUrl)}: ${activities} activities`);
  return { ...(await runSet(context, largeUrl, scenarios, 'large')), activities };
}
