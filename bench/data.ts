// npm run bench:data -- --orgs N --athletes A --groups G --days D [--seed S] [--end-date YYYY-MM-DD]
// [--database groups_bench_x]: drops and rebuilds a benchmark database with the project's
// migrations, then writes organizations, users, groups, members, audit events and activities
// with multi-row inserts, and prints what it wrote.
import { parseArgs } from 'node:util';
import type { Sizes } from './lib/dataset.js';
import { generate } from './lib/generate.js';
import { benchDatabaseUrl, databaseName } from './lib/mysql.js';

const { values } = parseArgs({
  options: {
    orgs: { type: 'string', default: '1' },
    athletes: { type: 'string', default: '1000' },
    groups: { type: 'string', default: '200' },
    days: { type: 'string', default: '250' },
    seed: { type: 'string', default: '1' },
    'end-date': { type: 'string' },
    database: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

const positive = (name: string, raw: string | undefined, min = 1) => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer >= ${min}`);
  return value;
};

const sizes: Sizes = {
  orgs: positive('orgs', values.orgs),
  athletes: positive('athletes', values.athletes, 105),
  groups: positive('groups', values.groups, 3),
  days: positive('days', values.days),
  seed: positive('seed', values.seed, 0),
  endDate: values['end-date'] ?? new Date().toISOString().slice(0, 10),
};
if (!/^\d{4}-\d{2}-\d{2}$/.test(sizes.endDate)) throw new Error('--end-date must be YYYY-MM-DD');
const url = benchDatabaseUrl(values.database);
const log = values.quiet ? () => undefined : (line: string) => console.log(line);
console.log(`writing ${databaseName(url)}: ${JSON.stringify(sizes)}`);
const counts = await generate(sizes, url, log);
console.log(JSON.stringify({ database: databaseName(url), ...sizes, wrote: counts }, null, 2));
