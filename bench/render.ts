// Re-renders bench/RESULTS.md from bench/results.json (after editing bench/notes.md), without
// running the benchmark again: tsx bench/render.ts [folder]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderMarkdown } from './lib/report.js';
import type { BenchResults } from './lib/results.js';

const folder = process.argv[2] ?? 'bench';
const results = JSON.parse(readFileSync(join(folder, 'results.json'), 'utf8')) as BenchResults;
writeFileSync(join(folder, 'RESULTS.md'), renderMarkdown(results));
console.log(`wrote ${join(folder, 'RESULTS.md')}`);
