// The main database before any measurement: its data there (tiny data generated in quick mode,
// or with --generate), then its schema brought up to date and its size noted.
import { activityCount, databaseReady, migrate } from '../lib/bench-database.js';
import type { RunContext } from '../lib/context.js';
import { generate } from '../lib/generate.js';
import { databaseName } from '../lib/mysql.js';

/** False when the main database has no benchmark data (and none was to be generated). */
export async function ensureMainData(context: RunContext): Promise<boolean> {
  const { options, mainUrl, log } = context;
  if (options.generate || (options.quick && !(await databaseReady(mainUrl)))) {
    log(`generating tiny data into ${databaseName(mainUrl)}`);
    await generate(
      { orgs: 1, athletes: 120, groups: 30, days: 100, seed: 1, endDate: new Date().toISOString().slice(0, 10) },
      mainUrl,
      () => undefined,
    );
  }
  return databaseReady(mainUrl);
}

/** Migrates the main database and returns its number of activities. */
export async function migrateMainDatabase(context: RunContext): Promise<number> {
  const { mainUrl } = context;
  await migrate(mainUrl, context.webhookSecrets.keys);
  const activities = await activityCount(mainUrl);
  context.log(
    `main database ${databaseName(mainUrl)}: ${activities} activities; start command: ${context.startCommand}; logs in ${context.logDir}`,
  );
  return activities;
}
