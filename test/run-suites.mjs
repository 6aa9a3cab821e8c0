// Runs the mocha suite in the parts test/suites.mjs defines (pure units once without a
// database; what ships and how it starts once, on MySQL; the database suites on MySQL and then
// on SQLite), then checks that the run produced every (operationId, status) pair openapi.yaml
// documents. Closes with one plain line: `tests: N passed, N failed` (all parts together).
// Arguments that name test files narrow the run to those files, each in the parts it belongs
// to; other arguments go to mocha.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { partsToRun } from './suites.mjs';

const args = process.argv.slice(2);
const files = args.filter((arg) => arg.endsWith('.ts'));
const mochaArgs = args.filter((arg) => !arg.endsWith('.ts'));
const dialects = (process.env.TEST_DIALECTS ?? 'mysql,sqlite').split(',');
const folder = mkdtempSync(join(tmpdir(), 'groups-test-run-'));
const totals = { passes: 0, failures: 0, pending: 0 };
const produced = new Set();
let crashed = false;

const parts = partsToRun(dialects, files);
for (const [index, part] of parts.entries()) {
  console.log(`\n=== ${part.title} ===`);
  const started = performance.now();
  const countsFile = join(folder, `${index}-counts.json`);
  const coverageFile = join(folder, `${index}-coverage.json`);
  const run = spawnSync(
    'npx',
    ['mocha', ...part.mochaArgs, '--reporter', './test/support/counting-reporter.cjs', ...mochaArgs],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        NODE_ENV: 'test',
        TEST_DB: part.dialect ?? '',
        TEST_COUNTS_FILE: countsFile,
        TEST_COVERAGE_FILE: coverageFile,
      },
    },
  );
  try {
    const stats = JSON.parse(readFileSync(countsFile, 'utf8'));
    totals.passes += stats.passes;
    totals.failures += stats.failures;
    totals.pending += stats.pending;
    if (run.status !== 0 && stats.failures === 0) crashed = true;
    console.log(
      `=== ${part.title}: ${stats.passes} passed, ${stats.failures} failed in ${((performance.now() - started) / 1000).toFixed(1)} s ===`,
    );
  } catch {
    console.error(`${part.title} ended before reporting (exit ${run.status}).`);
    crashed = true;
  }
  // Only parts with the database hook record spec coverage.
  if (part.database) {
    try {
      for (const pair of JSON.parse(readFileSync(coverageFile, 'utf8'))) produced.add(pair);
    } catch {
      if (!crashed) console.error(`${part.title} wrote no spec coverage.`);
      crashed = true;
    }
  }
}
rmSync(folder, { recursive: true, force: true });

// Spec coverage: only meaningful for a whole run, not for a run narrowed to some files.
let uncovered = [];
if (files.length === 0 && !crashed) {
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
if (crashed) console.log('A part crashed; counted as one failure.');
console.log(`\ntests: ${totals.passes} passed, ${failed} failed${totals.pending ? `, ${totals.pending} skipped` : ''}`);
process.exit(failed > 0 || uncovered.length > 0 ? 1 : 0);
