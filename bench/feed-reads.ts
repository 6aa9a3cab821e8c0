// The activity feed's candidate reads side by side at the SQL level on MariaDB: which statement
// or pair of statements answers a page fastest, by group size, history length, page and filter
// (docs/reads-at-scale.md, "Feed"). `service` is the repository's own read
// (completedActivities); the others are written out here. Every candidate must return the
// plain statement's activities in its order, or the run stops.
//
//   npx tsx bench/feed-reads.ts [--rounds 7] [--databases groups_bench,groups_bench_2m]
//
// One connection with the service's session settings (src/data/database.ts). All cells run
// interleaved, round after round (every other round backwards), so that the machine's
// changing load falls on all of them. A cell is the median milliseconds per page (client round
// trips included) and, in brackets, the rows one execution examined (rowsExamined).
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { completedActivities, feedColumns as columns, type FeedQuery } from '../src/data/activities-repository.js';
import { createDatabase, type Database } from '../src/data/database.js';
import { benchIds, sizedGroups } from './lib/dataset.js';
import { benchDatabaseUrl } from './lib/mysql.js';

const dayMs = 86_400_000;
const limit = 21;
const order = 'order by start_time desc, id desc';
const covering = 'force index (activities_user_status_start)';
const positions = 'id, start_time';

interface Statement {
  sql: string;
  bindings: unknown[];
}

const marks = (values: unknown[]) => values.map(() => '?').join(', ');

/** The feed's conditions for these members: scope, filters, the page's end and `since`. */
function conditions(query: FeedQuery, userIds: string[], since?: Date): Statement {
  const parts = ['org_id = ?', "status = 'completed'", `user_id in (${marks(userIds)})`];
  const bindings: unknown[] = [query.orgId, ...userIds];
  const add = (sql: string, ...values: unknown[]) => {
    parts.push(sql);
    bindings.push(...values);
  };
  if (query.startDate) add('start_date_local >= ?', query.startDate);
  if (query.endDate) add('start_date_local <= ?', query.endDate);
  if (query.subTypes?.length) add(`sub_type in (${marks(query.subTypes)})`, ...query.subTypes);
  if (query.before) {
    const at = new Date(query.before.startTimeMs);
    add('start_time <= ? and (start_time < ? or id < ?)', at, at, query.before.id);
  }
  if (since) add('start_time >= ?', since);
  return { sql: parts.join(' and '), bindings };
}

interface Shape {
  hint?: string;
  selected?: string;
  userIds?: string[];
  since?: Date;
}

function plain(query: FeedQuery, { hint = '', selected = columns.join(', '), userIds, since }: Shape = {}): Statement {
  const where = conditions(query, userIds ?? query.userIds, since);
  return {
    sql: `select ${selected} from activities ${hint} where ${where.sql} ${order} limit ?`,
    bindings: [...where.bindings, query.limit],
  };
}

/** The rows of a page of positions, by primary key, in feed order. */
function joined(page: Statement): Statement {
  return {
    sql: `select ${columns.map((column) => `a.${column}`).join(', ')} from (${page.sql}) as page join activities as a on a.id = page.id order by page.start_time desc, page.id desc`,
    bindings: page.bindings,
  };
}

/** Each member's newest positions along the covering index, merged. */
function merged(query: FeedQuery): Statement {
  const parts = query.userIds.map((userId) => plain(query, { hint: covering, selected: positions, userIds: [userId] }));
  return {
    sql: `select id, start_time from (${parts.map((part) => `(${part.sql})`).join(' union all ')}) as candidates ${order} limit ?`,
    bindings: [...parts.flatMap((part) => part.bindings), query.limit],
  };
}

/** The positions of the two days before the page's end. */
function recent(query: FeedQuery): Statement {
  const since = new Date((query.before?.startTimeMs ?? query.nowMs) - 2 * dayMs);
  return plain(query, { hint: covering, selected: positions, since });
}

type Row = { id: string };
type Read = (db: Database, query: FeedQuery) => Promise<Row[]>;

async function run(db: Database, statement: Statement): Promise<Row[]> {
  const [rows] = (await db.raw(statement.sql, statement.bindings as never)) as unknown as [Row[]];
  return rows;
}

const windowThen =
  (fallback: (query: FeedQuery) => Statement): Read =>
  async (db, query) => {
    const rows = await run(db, joined(recent(query)));
    return rows.length === query.limit ? rows : run(db, fallback(query));
  };

const candidates: Record<string, Read> = {
  // The plain-statement floor's statement (bench/lib/plain-statements.ts), planner's choice.
  plain: (db, query) => run(db, plain(query)),
  'plain, forced': (db, query) => run(db, plain(query, { hint: covering })),
  'positions+join': (db, query) => run(db, joined(plain(query, { hint: covering, selected: positions }))),
  merge: (db, query) => run(db, joined(merged(query))),
  // The service's read until 2026-12-08, but for its index hints and later-page condition.
  'window→merge': windowThen((query) => joined(merged(query))),
  'window→plain': windowThen((query) => plain(query)),
  service: completedActivities,
};

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The position of the activity `skip` places after the page's start. */
async function positionAfter(db: Database, query: FeedQuery, skip: number) {
  const last = (await completedActivities(db, { ...query, limit: skip + 1 })).at(-1)!;
  return { startTimeMs: last.startTime.getTime(), id: last.id };
}

const cases: Record<string, (db: Database, base: FeedQuery) => FeedQuery | Promise<FeedQuery>> = {
  'first page': (_db, base) => base,
  'page 2': async (db, base) => ({ ...base, before: await positionAfter(db, base, limit - 2) }),
  'page 60 d back': async (db, base) => ({
    ...base,
    before: await positionAfter(db, { ...base, before: { startTimeMs: base.nowMs - 60 * dayMs, id: '~' } }, 0),
  }),
  'sub_type tempo': (_db, base) => ({ ...base, subTypes: ['tempo'] }),
  'from 30 d back': (_db, base) => ({ ...base, startDate: isoDate(base.nowMs - 30 * dayMs) }),
  '30 d to 7 d back': (_db, base) => ({
    ...base,
    startDate: isoDate(base.nowMs - 30 * dayMs),
    endDate: isoDate(base.nowMs - 7 * dayMs),
  }),
  'quiet for a week': (_db, base) => ({ ...base, nowMs: base.nowMs + 7 * dayMs }),
};

const groups = { 10: sizedGroups.members10, 100: sizedGroups.members100, 1000: sizedGroups.members1000 };

async function activeMembers(db: Database, orgId: string, groupId: string): Promise<string[]> {
  const rows = await db('group_members as gm')
    .join('users as u', (on) => on.on('u.id', 'gm.user_id').andOn('u.org_id', 'gm.org_id'))
    .where({ 'gm.group_id': groupId, 'gm.org_id': orgId, 'u.status': 'active' })
    .orderBy('gm.user_id')
    .select<{ user_id: string }[]>('gm.user_id');
  return rows.map((row) => row.user_id);
}

/**
 * Rows one execution of `read` examined: index entries and table rows the engine read
 * (Handler_read_*, temporary tables' included) and the entries index condition pushdown
 * rejected on the way (Handler_icp_attempts − Handler_icp_match), less what reading the
 * counters costs.
 */
async function rowsExamined(db: Database, read: () => Promise<unknown>): Promise<number> {
  const counters = async () => {
    const [rows] = (await db.raw(
      "show session status where variable_name like 'Handler_read%' or variable_name like 'Handler_icp%'",
    )) as unknown as [{ Variable_name: string; Value: string }[]];
    return rows.reduce((sum, row) => sum + (row.Variable_name === 'Handler_icp_match' ? -1 : 1) * Number(row.Value), 0);
  };
  const delta = async (execute: () => Promise<unknown>) => {
    const before = await counters();
    await execute();
    return (await counters()) - before;
  };
  return (await delta(read)) - (await delta(() => Promise.resolve()));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Cell {
  row: string;
  candidate: string;
  query: FeedQuery;
  examined: number;
  ms: number[];
}

/** The cells of one database, checked against the plain statement's page, then measured. */
async function measureDatabase(database: string, rounds: number): Promise<Cell[]> {
  const db = createDatabase({
    url: benchDatabaseUrl(database),
    sqliteFile: '',
    poolMax: 1,
    statementTimeoutMs: 30_000,
  });
  try {
    const orgId = benchIds.org(0);
    // "Now" is the newest activity's start: the data's end, whatever day the data was written.
    const [[{ newest }]] = (await db.raw('select max(start_time) as newest from activities where org_id = ?', [
      orgId,
    ])) as unknown as [[{ newest: Date }]];
    const cells: Cell[] = [];
    for (const [members, index] of Object.entries(groups)) {
      const base: FeedQuery = {
        orgId,
        userIds: await activeMembers(db, orgId, benchIds.group(0, index)),
        limit,
        nowMs: newest.getTime(),
      };
      for (const [caseName, make] of Object.entries(cases)) {
        const query = await make(db, base);
        const expected = (await run(db, plain(query, { hint: covering }))).map((row) => row.id).join();
        for (const [candidate, read] of Object.entries(candidates)) {
          const got = (await read(db, query)).map((row) => row.id).join();
          if (got !== expected) throw new Error(`${candidate}, ${members} members, ${caseName}: another page`);
          const examined = await rowsExamined(db, () => read(db, query));
          cells.push({ row: `| ${database} | ${members} | ${caseName} |`, candidate, query, examined, ms: [] });
        }
      }
    }
    for (let round = 0; round < rounds; round += 1) {
      for (const cell of round % 2 ? [...cells].reverse() : cells) {
        const start = performance.now();
        await candidates[cell.candidate]!(db, cell.query);
        cell.ms.push(performance.now() - start);
      }
    }
    return cells;
  } finally {
    await db.destroy();
  }
}

function table(cells: Cell[]): string {
  const names = Object.keys(candidates);
  const lines = [
    `| database | members | page | ${names.join(' | ')} |`,
    `|---|---:|---|${names.map(() => '---:').join('|')}|`,
  ];
  for (const row of new Set(cells.map((cell) => cell.row))) {
    const values = names.map((name) => {
      const cell = cells.find((candidate) => candidate.row === row && candidate.candidate === name)!;
      return `${median(cell.ms).toFixed(2)} (${cell.examined})`;
    });
    lines.push(`${row} ${values.join(' | ')} |`);
  }
  return lines.join('\n');
}

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    databases: { type: 'string', default: 'groups_bench,groups_bench_2m' },
  },
});
const rounds = Number(values.rounds);
const load = () => loadavg()[0]!.toFixed(1);
const loadBefore = load();
const cells: Cell[] = [];
for (const database of values.databases.split(',')) cells.push(...(await measureDatabase(database, rounds)));
console.log(
  `${new Date().toISOString()}: median ms per page over ${rounds} interleaved rounds (rows examined); load average ${loadBefore} before, ${load()} after\n`,
);
console.log(table(cells));
