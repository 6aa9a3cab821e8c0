// Writing a stage's results into an existing results.json (a stage run on its own: the other
// stages' numbers stay as their run left them), then RESULTS.md from it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderMarkdown } from './report.js';
import type { BenchResults } from './results.js';

/** Replaces the given sections (those measured: not undefined) of `folder`/results.json and renders RESULTS.md; false when there is none. */
export function mergeResults(folder: string, sections: Partial<BenchResults>): boolean {
  const file = join(folder, 'results.json');
  if (!existsSync(file)) return false;
  const measured = Object.fromEntries(Object.entries(sections).filter(([, value]) => value !== undefined));
  const results = { ...(JSON.parse(readFileSync(file, 'utf8')) as BenchResults), ...measured };
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(folder, 'RESULTS.md'), renderMarkdown(results));
  return true;
}
