// Where Stryker's incremental results live: a cache outside the checkout, so that no change
// has to rewrite a multi-megabyte file in git. `restore` (before each run) seeds an absent
// cache from the committed baseline, mutation/baseline.json.gz, so that a new machine re-tests
// only what changed since the baseline; `baseline` (a maintainer's occasional step, when
// incremental runs grow slow) writes the cache back as the new baseline. Stryker diffs sources
// and tests itself, so any earlier result is a sound starting point.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const baseline = new URL('../mutation/baseline.json.gz', import.meta.url);

/** The incremental file: STRYKER_INCREMENTAL_FILE, else the user's cache folder. */
export function incrementalFile() {
  if (process.env.STRYKER_INCREMENTAL_FILE) return process.env.STRYKER_INCREMENTAL_FILE;
  const cacheHome = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cacheHome, 'groups-api', 'stryker-incremental.json');
}

// Run as a command (stryker.config.mjs imports incrementalFile only).
const command = process.argv[1] === fileURLToPath(import.meta.url) ? process.argv[2] : undefined;
if (command === 'restore') {
  const file = incrementalFile();
  if (existsSync(file)) {
    console.log(`mutation: incremental results from ${file}`);
  } else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, gunzipSync(readFileSync(baseline)));
    console.log(`mutation: no cached results; seeded ${file} from mutation/baseline.json.gz`);
  }
} else if (command === 'baseline') {
  writeFileSync(baseline, gzipSync(readFileSync(incrementalFile()), { level: 9 }));
  console.log(`mutation: wrote mutation/baseline.json.gz from ${incrementalFile()}`);
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.error('usage: node scripts/mutation-cache.mjs restore|baseline');
  process.exit(2);
}
