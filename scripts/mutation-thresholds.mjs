// The per-file threshold Stryker lacks: reads Stryker's JSON report (mutation-testing-report-
// schema), prints each mutated file's score and fails when one is below the minimum.
// Usage: node scripts/mutation-thresholds.mjs [report.json] [minimum percent, default 85]
import { readFileSync } from 'node:fs';

const reportFile = process.argv[2] ?? 'reports/mutation/mutation.json';
const minimum = Number(process.argv[3] ?? 85);
const report = JSON.parse(readFileSync(reportFile, 'utf8'));

// As Stryker counts: killed and timed-out mutants are detected; survived and uncovered ones
// are not; ignored mutants and those that did not compile or crashed the runner are left out.
const detected = new Set(['Killed', 'Timeout']);
const undetected = new Set(['Survived', 'NoCoverage']);

const rows = Object.entries(report.files)
  .map(([file, { mutants }]) => {
    const killed = mutants.filter((mutant) => detected.has(mutant.status)).length;
    const survived = mutants.filter((mutant) => undetected.has(mutant.status)).length;
    const ignored = mutants.length - killed - survived;
    const valid = killed + survived;
    return { file, killed, survived, ignored, score: valid === 0 ? 100 : (100 * killed) / valid };
  })
  .sort((a, b) => a.file.localeCompare(b.file));

const totalKilled = rows.reduce((sum, row) => sum + row.killed, 0);
const totalSurvived = rows.reduce((sum, row) => sum + row.survived, 0);
const overall = (100 * totalKilled) / Math.max(1, totalKilled + totalSurvived);

const width = Math.max(...rows.map((row) => row.file.length), 'all files'.length);
const line = (file, score, killed, survived, ignored, mark = '') =>
  `${file.padEnd(width)}  ${score.padStart(6)}  ${String(killed).padStart(6)}  ${String(survived).padStart(8)}  ${String(ignored).padStart(7)}  ${mark}`;
console.log(line('file', 'score', 'killed', 'survived', 'ignored'));
for (const row of rows) {
  const mark = row.score < minimum ? `below ${minimum}%` : '';
  console.log(line(row.file, row.score.toFixed(2), row.killed, row.survived, row.ignored, mark));
}
console.log(
  line(
    'all files',
    overall.toFixed(2),
    totalKilled,
    totalSurvived,
    rows.reduce((sum, row) => sum + row.ignored, 0),
  ),
);

const below = rows.filter((row) => row.score < minimum);
if (below.length > 0) {
  console.error(`\n${below.length} file(s) below the per-file mutation score of ${minimum}%.`);
  process.exit(1);
}
console.log(`\nEvery mutated file scores at least ${minimum}%.`);
