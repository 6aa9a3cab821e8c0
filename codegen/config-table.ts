// Writes docs/operations.md's configuration table from src/config.ts (each setting's variable, default
// and `doc`), between its config-table markers. `--check` fails when the committed
// document differs, as `npm test` runs it, so that the table cannot drift from the code.
import { readFileSync, writeFileSync } from 'node:fs';
import { environmentSetting, settings } from '../src/config.js';

const document = new URL('../docs/operations.md', import.meta.url);
const start = '<!-- config-table:start (npm run docs:config writes this table from src/config.ts) -->';
const end = '<!-- config-table:end -->';

function shown(value: unknown): string {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return 'unset';
  if (Array.isArray(value)) return `\`${value.join(',')}\``;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return `\`${value}\``;
  throw new Error('a setting whose default is not text, a number, a flag or a list needs shownDefault');
}

function defaultText(setting: {
  shownDefault?: string;
  default: (env: 'development' | 'test' | 'production') => unknown;
}) {
  if (setting.shownDefault) return setting.shownDefault;
  const development = shown(setting.default('development'));
  const production = shown(setting.default('production'));
  const test = shown(setting.default('test'));
  if (production !== development) return `${development} (${production} in production)`;
  if (test !== development) return `${development} (${test} in test)`;
  return development;
}

const rows = [environmentSetting, ...Object.values(settings)].map(
  (setting) => `| \`${setting.env}\` | ${defaultText(setting)} | ${setting.doc.replace(/\|/g, '\\|')} |`,
);
const table = ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');

const text = readFileSync(document, 'utf8');
const from = text.indexOf(start);
const to = text.indexOf(end);
if (from < 0 || to < from) throw new Error(`docs/operations.md has no ${start} … ${end} block`);
const updated = `${text.slice(0, from + start.length)}\n${table}\n${text.slice(to)}`;

if (process.argv.includes('--check')) {
  if (updated !== text) {
    console.error(
      "docs/operations.md's configuration table differs from src/config.ts. Run `npm run docs:config` and commit.",
    );
    process.exitCode = 1;
  } else {
    console.log("docs/operations.md's configuration table matches src/config.ts.");
  }
} else {
  writeFileSync(document, updated);
  console.log(`wrote the configuration table of docs/operations.md (${rows.length} settings)`);
}
