// Runs the whole mocha suite on MySQL, then on SQLite, and closes with one plain line:
// `tests: N passed, N failed` (both databases together). Extra arguments go to mocha.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dialects = (process.env.TEST_DIALECTS ?? 'mysql,sqlite').split(',');
const folder = mkdtempSync(join(tmpdir(), 'groups-test-counts-'));
const totals = { passes: 0, failures: 0, pending: 0 };
let crashed = false;

for (const dialect of dialects) {
  console.log(`\n=== test suite on ${dialect} ===`);
  const countsFile = join(folder, `${dialect}.json`);
  const run = spawnSync('npx', ['mocha', '--reporter', './test/support/counting-reporter.cjs', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'test', TEST_DB: dialect, TEST_COUNTS_FILE: countsFile },
  });
  try {
    const stats = JSON.parse(readFileSync(countsFile, 'utf8'));
    totals.passes += stats.passes;
    totals.failures += stats.failures;
    totals.pending += stats.pending;
    if (run.status !== 0 && stats.failures === 0) crashed = true;
  } catch {
    console.error(`The ${dialect} suite ended before reporting (exit ${run.status}).`);
    crashed = true;
  }
}
rmSync(folder, { recursive: true, force: true });

if (crashed) totals.failures += 1;
console.log(`\ntests: ${totals.passes} passed, ${totals.failures} failed${totals.pending ? `, ${totals.pending} skipped` : ''}`);
process.exit(totals.failures > 0 ? 1 : 0);
