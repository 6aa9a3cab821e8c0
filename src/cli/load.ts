// npm run db:load -- <file.json>: upserts sandbox organizations, users and activities.
import { readFile } from 'node:fs/promises';
import { loadDataset } from '../sandbox/load.js';
import { openCommandContext, runCommand } from './context.js';

const { db } = openCommandContext(['database']);
await runCommand(async () => {
  try {
    const file = process.argv[2];
    if (!file || process.argv.length > 3) throw new Error('Usage: npm run db:load -- <file.json>');
    let input: unknown;
    try {
      input = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new Error(`Cannot read ${file} as JSON: ${(error as Error).message}`, { cause: error });
    }
    const loaded = await loadDataset(db, input);
    console.log(
      `Loaded ${loaded.organizations} organizations, ${loaded.users} users and ${loaded.activities} activities.`,
    );
  } finally {
    await db.destroy();
  }
});
