// Runs the whole mocha suite on MySQL, then on SQLite; then checks that the suite produced
// every (operationId, status) pair openapi.yaml documents. Closes with one plain line:
// `tests: N passed, N failed` (both databases together). Extra arguments go to mocha.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

const dialects = (process.env.TEST_DIALECTS ?? 'mysql,sqlite').split(',');
const mochaArgs = process.argv.slice(2);
const folder = mkdtempSync(join(tmpdir(), 'groups-test-run-'));
const totals = { passes: 0, failures: 0, pending: 0 };
const produced = new Set();
let crashed = false;

for (const dialect of dialects) {
  console.log(`\n=== test suite on ${dialect} ===`);
  const countsFile = join(folder, `${dialect}-counts.json`);
  const coverageFile = join(folder, `${dialect}-coverage.json`);
  const run = spawnSync('npx', ['mocha', '--reporter', './test/support/counting-reporter.cjs', ...mochaArgs], {
    stdio: 'inherit',
    env: {
      ...process.env,
      NODE_ENV: 'test',
      TEST_DB: dialect,
      TEST_COUNTS_FILE: countsFile,
      TEST_COVERAGE_FILE: coverageFile,
    },
  });
  try {
    const stats = JSON.parse(readFileSync(countsFile, 'utf8'));
    totals.passes += stats.passes;
    totals.failures += stats.failures;
    totals.pending += stats.pending;
    if (run.status !== 0 && stats.failures === 0) crashed = true;
    for (const pair of JSON.parse(readFileSync(coverageFile, 'utf8'))) produced.add(pair);
  } catch {
    console.error(`The ${dialect} suite ended before reporting (exit ${run.status}).`);
    crashed = true;
  }
}
rmSync(folder, { recursive: true, force: true });

// Spec coverage: only meaningful for a whole run, not for a run narrowed with mocha arguments.
let uncovered = [];
if (mochaArgs.length === 0 && !crashed) {
  const spec = parse(readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8'));
  const documented = Object.values(spec.paths).flatMap((item) =>
    Object.values(item)
      .filter((operation) => operation && typeof operation === 'object' && operation.operationId)
      .flatMap((operation) => Object.keys(operation.responses).map((status) => `${operation.operationId} ${status}`)),
  );
  uncovered = documented.filter((pair) => !produced.has(pair));
  console.log(
    `\nspec coverage: ${documented.length - uncovered.length} of ${documented.length} documented (operationId, status) pairs produced by the suite`,
  );
  for (const pair of uncovered) console.log(`  never produced: ${pair}`);
}

const failed = totals.failures + (crashed ? 1 : 0);
if (crashed) console.log('A suite crashed; counted as one failure.');
console.log(`\ntests: ${totals.passes} passed, ${failed} failed${totals.pending ? `, ${totals.pending} skipped` : ''}`);
process.exit(failed > 0 || uncovered.length > 0 ? 1 : 0);
