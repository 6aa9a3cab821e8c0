// Docs are tests: every TypeScript example in README.md, sdk/README.md and
// the x-codeSamples of openapi.yaml is type-checked with --strict against the packed SDK (the
// tarball installed into a fresh project, as in test/package/consumer.test.ts), and run against a
// quick-start server; every curl line of those documents is run with the curl binary and its
// answer checked (status and key fields). An example that stops compiling or answering as
// shown fails here.
//
// Conventions, visible in the documents themselves:
// - Which examples: Markdown code blocks fenced ```ts or ```typescript; x-codeSamples with
//   `lang: TypeScript`; every `curl` command (with its `\` continuation lines) in a Markdown
//   code block or an x-codeSample with `lang: Shell`.
// - Markers: `<!-- example: compile-only -->` on the line before a Markdown fence, or the YAML
//   comment `# example: compile-only` before an x-codeSample, makes an example type-checked
//   but not run (it shows alternatives, not one script). Anything after `compile-only` is the
//   reason; any other word after `example:` fails the test, so a misspelled marker is caught.
// - Whole modules: each TypeScript example is compiled exactly as written, in a project that
//   has nothing but the packed SDK (and Node's types) installed: it imports and declares all
//   it uses, as a partner who copies it gets it.
// - One quick-start database, document order: what `npm start` serves, built in-process
//   (embedded SQLite, migrated, the demo organization seeded: the reference's ids org_xyz789,
//   usr_coach1, usr_athlete1…, grp_abc123), on a free port. README.md's examples run first,
//   then sdk/README.md's, then openapi.yaml's, each document top to bottom, TypeScript and curl
//   as they come, all on that one database: an example that breaks a later one (deleting what
//   it reads, taking a name it creates) fails here as it would for a person reading along. The
//   start banner's check alone gets a fresh copy.
// - Pointing examples at it: the origins `https://api.astral.run` and `http://localhost:3000`
//   are replaced by the local server's in the JavaScript tsc emitted from the checked code
//   and in the curl command (the checked text itself is the document's).
// - Tokens: GROUPS_TOKEN, `<token>` and `$TOKEN` are a token of the coach usr_coach1 (whose
//   token the quick start prints); `$ATHLETE_TOKEN` is one of the athlete usr_athlete1;
//   GROUPS_ADMIN_TOKEN and `$ADMIN_TOKEN` one of the admin usr_admin (webhook endpoints are the
//   admins'; the demo has one, whe_demo, disabled). The ids a reader copies from an earlier
//   answer: `$GROUP_ID` is the group_id the last curl create of a group answered,
//   `$ENDPOINT_ID` the id the last curl create of a webhook endpoint answered, `$EVENT_ID` a
//   group.members_changed event of the demo's change feed.
// - Webhooks are not delivered (the server runs no dispatcher): the examples' endpoints are at
//   partner.example.com, and what their deliveries met would depend on this machine's network.
//
// The quick start is SQLite whichever database the suite runs on; this file is in the part
// that runs once (test/suites.mjs).
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { pino } from 'pino';
import { isMap, isScalar, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { startBanner } from '../../src/cli/start-banner.js';
import { loadConfig } from '../../src/config.js';
import { createDatabase } from '../../src/data/database.js';
import { migrateToLatest } from '../../src/data/migrate.js';
import { findAnyActiveCoach } from '../../src/data/users-repository.js';
import { createSecretBox } from '../../src/lib/secret-box.js';
import { seedDemo } from '../../src/sandbox/seed.js';
import { startServer } from '../../src/server.js';
import { loadSpec, operationMatcher } from '../../src/spec.js';
import { createGroupsClient } from '../../sdk/src/index.js';
import { installPackedSdk, repositoryRoot, strictTscArgs, tsc } from '../support/packed-sdk.js';
import { runCommand } from '../support/run-command.js';
import { recordResponse } from '../support/spec-coverage.js';
import { testSecrets, tokenFor } from '../support/world.js';

interface Example {
  kind: 'typescript' | 'curl';
  /** `file:line` of the example's first line. */
  location: string;
  line: number;
  source: string;
  runnable: boolean;
}

const documents = ['README.md', 'sdk/README.md'];
const productionOrigin = 'https://api.astral.run';
const quickStartOrigin = 'http://localhost:3000';

function marker(text: string | undefined, location: string): { runnable: boolean } {
  const match = /^\s*example:\s*(.*?)\s*$/.exec(text ?? '');
  if (!match) return { runnable: true };
  if (/^compile-only\b/.test(match[1]!)) return { runnable: false };
  throw new Error(`${location}: unknown example marker "${match[1]}" (known: compile-only)`);
}

/** The curl commands of a shell snippet, each with its continuation lines, and the line each starts on. */
function curlCommands(text: string): { offset: number; command: string }[] {
  const lines = text.split('\n');
  const commands: { offset: number; command: string }[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (!/^\s*curl\s/.test(lines[index]!)) continue;
    const start = index;
    const parts = [lines[index]!];
    // A command goes on after a line ending in `\` or inside a quoted argument (a JSON body).
    const open = () => /\\\s*$/.test(parts.at(-1)!) || (parts.join('\n').match(/'/g) ?? []).length % 2 === 1;
    while (open() && index + 1 < lines.length) parts.push(lines[++index]!);
    commands.push({ offset: start, command: parts.join('\n') });
  }
  return commands;
}

function markdownExamples(file: string): Example[] {
  const lines = readFileSync(join(repositoryRoot, file), 'utf8').split('\n');
  const examples: Example[] = [];
  for (let index = 0; index < lines.length; index++) {
    const fence = /^```(\w*)\s*$/.exec(lines[index]!);
    if (!fence) continue;
    const start = index;
    const body: string[] = [];
    while (++index < lines.length && !/^```\s*$/.test(lines[index]!)) body.push(lines[index]!);
    let before = start - 1;
    while (before >= 0 && lines[before]!.trim() === '') before--;
    const comment = /^<!--(.*)-->$/.exec(lines[before]?.trim() ?? '')?.[1];
    const location = `${file}:${start + 2}`;
    const { runnable } = marker(comment, location);
    if (fence[1] === 'ts' || fence[1] === 'typescript')
      examples.push({ kind: 'typescript', location, line: start + 2, source: body.join('\n'), runnable });
    for (const { offset, command } of curlCommands(body.join('\n')))
      examples.push({
        kind: 'curl',
        location: `${file}:${start + 2 + offset}`,
        line: start + 2 + offset,
        source: command,
        runnable,
      });
  }
  return examples;
}

function specExamples(): Example[] {
  const text = readFileSync(join(repositoryRoot, 'openapi.yaml'), 'utf8');
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  const document = parseDocument(text);
  const examples: Example[] = [];
  const paths = document.get('paths');
  if (!isMap(paths)) throw new Error('openapi.yaml has no paths');
  for (const pathItem of paths.items) {
    if (!isMap(pathItem.value)) continue;
    for (const operation of pathItem.value.items) {
      const samples = isMap(operation.value) ? operation.value.get('x-codeSamples', true) : undefined;
      if (!isSeq(samples)) continue;
      for (const sample of samples.items as YAMLMap[]) {
        const source = sample.get('source', true);
        if (!isScalar(source) || typeof source.value !== 'string') continue;
        // A block scalar's text starts on the line after its `|`.
        const line = lineOf(source.range![0]) + 1;
        const location = `openapi.yaml:${line} (${String(sample.get('label'))})`;
        const { runnable } = marker(sample.commentBefore ?? undefined, location);
        if (sample.get('lang') === 'TypeScript')
          examples.push({ kind: 'typescript', location, line, source: source.value, runnable });
        if (sample.get('lang') === 'Shell')
          for (const { offset, command } of curlCommands(source.value))
            examples.push({ kind: 'curl', location, line: line + offset, source: command, runnable });
      }
    }
  }
  return examples;
}

/** Runs a command through bash and returns its exit code and output, never throwing. */
function runShell(
  script: string,
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

type Answer = { status: number; body: Record<string, unknown> };

/** What a reader copies from earlier answers: `$GROUP_ID` and `$ENDPOINT_ID`. */
const copied = { groupId: '', endpointId: '' };
interface CurlCall {
  operationId: string;
  path: Record<string, string>;
  query: URLSearchParams;
  role: 'coach' | 'athlete' | 'admin';
}

// What a documented request answers in the quick start's demo organization (40 athletes, 12 in
// no group; grp_abc123 private, owned by usr_coach1, usr_athlete1…usr_athlete15 its members).
const expectedAnswers: Record<string, (answer: Answer, call: CurlCall) => void> = {
  createGroup: ({ body }) => {
    expect(body.status).to.equal('success');
    expect(body.group_id).to.match(/^grp_/);
  },
  listGroups: ({ body }, { query, role }) => {
    const groups = body.groups as { group_id: string; members: string[] }[];
    expect(body.count).to.equal(groups.length);
    if (query.has('page_size')) expect(body.page_size).to.equal(Number(query.get('page_size')));
    if (role === 'coach') expect(body).to.include({ total_athletes: 40, unassigned_count: 12 });
    if (query.get('member') === 'me') {
      expect(groups.map((group) => group.group_id)).to.include('grp_abc123');
      for (const group of groups) expect(group.members).to.include(role === 'coach' ? 'usr_coach1' : 'usr_athlete1');
    } else if (role === 'coach') {
      expect(groups.map((group) => group.group_id)).to.include.members(['grp_abc123', 'grp_tuesday', 'grp_trail']);
    } else {
      expect(groups, 'an athlete lists the groups they own: none in the demo').to.deep.equal([]);
    }
  },
  getGroup: ({ body }, { path }) => {
    expect(body).to.include({ group_id: path.group_id, organization_id: 'org_xyz789', owner_id: 'usr_coach1' });
    expect(body.members).to.include('usr_athlete1');
  },
  updateGroup: ({ body }, { path }) => expect(body).to.deep.equal({ group_id: path.group_id, status: 'success' }),
  deleteGroup: ({ body }, { path }) => expect(body).to.deep.equal({ group_id: path.group_id, status: 'success' }),
  listGroupActivities: ({ body }, { query }) => {
    expect(body.activities).to.be.an('array');
    expect(body.count).to.equal((body.activities as unknown[]).length);
    // The demo holds the reference's window (April 2025) as well as the last 90 days.
    expect(body.count, 'activities in the window asked for').to.be.above(0);
    const from = query.get('start_date');
    const to = query.get('end_date');
    for (const activity of body.activities as { start_date_local: string }[]) {
      if (from) expect(activity.start_date_local >= from, activity.start_date_local).to.equal(true);
      if (to) expect(activity.start_date_local <= to, activity.start_date_local).to.equal(true);
    }
  },
  getGroupStats: ({ body }) => {
    expect(body.summary).to.have.keys(['total_distance', 'total_activities', 'engagement_rate']);
    expect((body.summary as { total_activities: number }).total_activities).to.be.above(0);
    expect(body.member_names).to.include({ usr_athlete1: 'Alex' });
  },
  listGroupAuditEvents: ({ body }, { path }) => {
    // Newest first: the reference's update examples ran before, and removed members last.
    const events = body.events as { action: string; group_id: string }[];
    expect(events[0]).to.include({ action: 'member.removed', group_id: path.group_id });
  },
  createWebhookEndpoint: ({ body }) => {
    expect((body.endpoint as { status: string }).status).to.equal('enabled');
    expect(body.secret).to.match(/^whsec_/);
  },
  listWebhookEndpoints: ({ body }) => {
    expect((body.endpoints as { id: string }[]).map((endpoint) => endpoint.id)).to.include('whe_demo');
  },
  getWebhookEndpoint: ({ body }) =>
    expect(body).to.include({ id: 'whe_demo', status: 'disabled', disabled_reason: 'disabled_by_admin' }),
  updateWebhookEndpoint: ({ body }) =>
    expect(body).to.include({ id: 'whe_demo', status: 'disabled', disabled_reason: 'disabled_by_admin' }),
  deleteWebhookEndpoint: ({ body }) => expect(body).to.deep.equal({ id: 'whe_demo', deleted: true }),
  rotateWebhookEndpointSecret: ({ body }) => {
    expect(body.secret).to.match(/^whsec_/);
    expect(Date.parse(body.previous_secret_expires_at as string)).to.be.above(Date.now());
  },
  redeliverWebhookEvent: ({ body }) =>
    expect(body).to.include({
      endpoint_id: copied.endpointId,
      redelivery: true,
      status: 'pending',
      waiting_for: null,
    }),
  sendWebhookTestEvent: ({ body }) =>
    expect(body).to.include({
      endpoint_id: copied.endpointId,
      event_type: 'webhook_endpoint.ping',
      redelivery: false,
      status: 'pending',
    }),
  listWebhookDeliveries: ({ body }) => {
    // The endpoint the create example registered: at least its ping, not delivered here.
    const deliveries = body.deliveries as { endpoint_id: string; event_type: string; status: string }[];
    expect(deliveries.map((delivery) => delivery.event_type)).to.include('webhook_endpoint.ping');
    for (const delivery of deliveries)
      expect(delivery).to.include({ endpoint_id: copied.endpointId, status: 'pending' });
  },
  listEvents: ({ body }, { query }) => {
    const events = body.events as { type: string; org_id: string }[];
    expect(body.next_cursor).to.be.a('string');
    const types = query.get('types')?.split(',');
    // The demo's groups were made through the service: the feed tells how.
    expect(events.length).to.be.above(0);
    for (const event of events) {
      expect(event.org_id).to.equal('org_xyz789');
      if (types) expect(types).to.include(event.type);
    }
  },
};

const matchOperation = operationMatcher(loadSpec());

function describeCurl(command: string): CurlCall {
  const url = /(https?:\/\/[^\s"']+)/.exec(command)?.[1];
  if (!url) throw new Error(`no URL in ${command}`);
  const method = /-X\s+([A-Z]+)/.exec(command)?.[1] ?? (/\s(-d|--data)\s/.test(command) ? 'POST' : 'GET');
  const { pathname, searchParams } = new URL(url);
  const operation = matchOperation(method, pathname);
  if (!operation) throw new Error(`${method} ${pathname} is no operation of openapi.yaml`);
  return {
    operationId: operation.operationId,
    path: operation.params,
    query: searchParams,
    role: command.includes('$ATHLETE_TOKEN') ? 'athlete' : command.includes('$ADMIN_TOKEN') ? 'admin' : 'coach',
  };
}

const pointAt = (text: string, origin: string) =>
  text.replaceAll(productionOrigin, origin).replaceAll(quickStartOrigin, origin);

describe('documented examples against the packed SDK and a quick-start server', function () {
  this.timeout(300_000);
  // Document order: README.md, sdk/README.md, openapi.yaml, each from the top.
  const examples = [...documents.flatMap(markdownExamples), ...specExamples()];
  const typescript = examples.filter((example) => example.kind === 'typescript');
  let project: string;
  let folder: string;
  let template: string;
  const diagnostics = new Map<string, string[]>();
  const tokens = { coach: '', athlete: '', admin: '' };
  let demoEventId = '';
  // As `npm start` configures it (development), with the suite's secrets instead of generated
  // ones, and no webhook dispatcher (see above).
  const config = {
    ...loadConfig({ NODE_ENV: 'development', HOST: '127.0.0.1', PORT: '0' }),
    ...testSecrets,
    webhookDispatcher: false,
  };
  /** The one quick-start server every example runs against, in order. */
  let quickStart: { url: string; stop: () => Promise<void> } | undefined;
  const fileOf = (example: Example) => `example-${typescript.indexOf(example) + 1}.mts`;

  /** A quick-start server on a fresh copy of the seeded database. */
  async function withQuickStart<T>(use: (origin: string) => Promise<T>): Promise<T> {
    const copy = join(folder, `run-${process.hrtime.bigint()}`);
    mkdirSync(copy);
    for (const suffix of ['', '-wal', '-shm'])
      if (existsSync(template + suffix)) copyFileSync(template + suffix, join(copy, `groups.sqlite${suffix}`));
    const db = createDatabase({ url: undefined, sqliteFile: join(copy, 'groups.sqlite'), poolMax: 1 });
    const running = await startServer(
      { ...config, sqliteFile: join(copy, 'groups.sqlite') },
      db,
      pino({ level: 'silent' }),
      {
        onRequestCompleted: recordResponse,
      },
    );
    try {
      return await use(running.url);
    } finally {
      await running.stop();
      rmSync(copy, { recursive: true, force: true });
    }
  }

  before(async function () {
    folder = mkdtempSync(join(tmpdir(), 'groups-docs-examples-'));
    template = join(folder, 'template.sqlite');
    const db = createDatabase({ url: undefined, sqliteFile: template, poolMax: 1 });
    await migrateToLatest(db);
    await seedDemo(db, createSecretBox(testSecrets.webhookSecretsKeys));
    demoEventId = (await db<{ id: string }>('change_events').where('type', 'group.members_changed').first('id'))!.id;
    tokens.coach = await tokenFor('usr_coach1');
    tokens.athlete = await tokenFor('usr_athlete1');
    tokens.admin = await tokenFor('usr_admin');
    await db.destroy();
    const shared = join(folder, 'quick-start.sqlite');
    copyFileSync(template, shared);
    quickStart = await startServer(
      { ...config, sqliteFile: shared },
      createDatabase({ url: undefined, sqliteFile: shared, poolMax: 1 }),
      pino({ level: 'silent' }),
      { onRequestCompleted: recordResponse },
    );

    ({ project } = await installPackedSdk('groups-docs-examples-'));
    for (const example of typescript) writeFileSync(join(project, fileOf(example)), example.source);
    // One compiler run for all examples; it emits every file even when some have errors.
    const args = [
      ...strictTscArgs.filter((arg) => arg !== '--noEmit'),
      '--pretty',
      'false',
      '--outDir',
      'out',
      '--rootDir',
      '.',
      '--typeRoots',
      join(repositoryRoot, 'node_modules', '@types'),
      '--types',
      'node',
      ...typescript.map(fileOf),
    ];
    let failed = false;
    const output = await runCommand(tsc, args, project).catch((error: unknown) => {
      failed = true;
      return String((error as { stdout?: string }).stdout ?? error);
    });
    for (const line of output.split('\n')) {
      const file = /^(example-\d+\.mts)\(/.exec(line)?.[1];
      if (file) diagnostics.set(file, [...(diagnostics.get(file) ?? []), line]);
    }
    // A failure that names no example (a bad option, a missing SDK) must not pass as "no errors".
    if (failed && diagnostics.size === 0) throw new Error(`tsc failed:\n${output}`);
  });

  after(async () => {
    await quickStart?.stop();
    if (project) rmSync(project, { recursive: true, force: true });
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('finds the examples of every document', () => {
    const count = (file: string, kind: Example['kind']) =>
      examples.filter((example) => example.kind === kind && example.location.startsWith(`${file}:`)).length;
    expect(count('sdk/README.md', 'typescript')).to.be.at.least(10);
    expect(count('openapi.yaml', 'typescript')).to.be.at.least(10);
    expect(count('openapi.yaml', 'curl')).to.be.at.least(9);
    expect(count('README.md', 'curl')).to.be.at.least(3);
  });

  async function runTypeScript(example: Example, origin: string) {
    const file = fileOf(example);
    const errors = (diagnostics.get(file) ?? []).map((line) =>
      line.replace(
        /^example-\d+\.mts\((\d+),(\d+)\)/,
        (_, row: string, column: string) =>
          `${example.location.split(':')[0]}:${example.line + Number(row) - 1}:${column}`,
      ),
    );
    expect(errors, `${example.location} does not compile:\n${errors.join('\n')}`).to.deep.equal([]);
    if (!example.runnable) return;
    const compiled = join(project, 'out', file.replace(/\.mts$/, '.mjs'));
    const pointed = join(project, 'out', file.replace(/\.mts$/, '.local.mjs'));
    writeFileSync(pointed, pointAt(readFileSync(compiled, 'utf8'), origin));
    const run = await runShell(`${JSON.stringify(process.execPath)} ${JSON.stringify(pointed)}`, project, {
      GROUPS_TOKEN: tokens.coach,
      GROUPS_ADMIN_TOKEN: tokens.admin,
    });
    expect(run.code, `${example.location} failed when run:\n${run.stdout}${run.stderr}`).to.equal(0);
  }

  async function runCurl(example: Example, origin: string) {
    const call = describeCurl(example.source.replaceAll('$GROUP_ID', copied.groupId));
    const command = pointAt(example.source, origin)
      .replaceAll('<token>', '$TOKEN')
      .replace(/^(\s*)curl\s/m, "$1curl -sS -w '\\n%{http_code}' ");
    const run = await runShell(command, project, {
      TOKEN: tokens.coach,
      ATHLETE_TOKEN: tokens.athlete,
      ADMIN_TOKEN: tokens.admin,
      EVENT_ID: demoEventId,
      GROUP_ID: copied.groupId,
      ENDPOINT_ID: copied.endpointId,
    });
    expect(run.code, `${example.location}: curl failed: ${run.stderr}`).to.equal(0);
    const lines = run.stdout.split('\n');
    const answer: Answer = { status: Number(lines.pop()), body: JSON.parse(lines.join('\n') || '{}') };
    expect(answer.status, `${example.location}: ${JSON.stringify(answer.body)}`).to.equal(200);
    expectedAnswers[call.operationId]!(answer, call);
    if (call.operationId === 'createGroup') copied.groupId = String(answer.body.group_id);
    if (call.operationId === 'createWebhookEndpoint') copied.endpointId = (answer.body.endpoint as { id: string }).id;
  }

  for (const example of examples) {
    const title =
      example.kind === 'typescript'
        ? `${example.location} compiles under --strict${example.runnable ? ' and runs' : ''}`
        : `${example.location} answers as documented: ${example.source
            .split('\n')
            .find((line) => /^\s*curl\s/.test(line))!
            .trim()}`;
    it(title, async function () {
      if (example.kind === 'curl' && !example.runnable) this.skip();
      if (example.kind === 'typescript') await runTypeScript(example, quickStart!.url);
      else await runCurl(example, quickStart!.url);
    });
  }

  it("the start banner's curl line and SDK baseUrl work against the quick start", async () => {
    await withQuickStart(async (origin) => {
      const db = createDatabase({ url: undefined, sqliteFile: template, poolMax: 1 });
      const coach = await findAnyActiveCoach(db);
      await db.destroy();
      const banner = await startBanner(config, origin, coach);
      const curl = curlCommands(banner)[0]!.command.replace(/^\s*curl\s/, "curl -sS -w '\\n%{http_code}' ");
      const run = await runShell(curl, project, {});
      const lines = run.stdout.split('\n');
      expect(lines.pop(), run.stdout).to.equal('200');
      expect(JSON.parse(lines.join('\n'))).to.include({ total_athletes: 40, unassigned_count: 12 });

      const baseUrl = /baseUrl: '([^']+)'/.exec(banner)?.[1];
      expect(baseUrl).to.equal(origin);
      const client = createGroupsClient({ baseUrl: baseUrl!, token: tokens.athlete });
      const mine = await client.listGroups({ member: 'me' });
      expect(mine.groups.map((group) => group.group_id)).to.include('grp_abc123');
      expect((await client.getGroup('grp_abc123')).name).to.equal('Spring Marathon Cohort');
    });
  });

  it('npm run token without a user id lists the demo users', async () => {
    const dataDir = join(folder, 'token-data');
    const listing = await runCommand(process.execPath, ['--import', 'tsx', 'src/cli/token.ts'], repositoryRoot, {
      env: { NODE_ENV: 'development', SQLITE_FILE: template, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    });
    expect(listing).to.include(
      '  org_xyz789\n    admin    usr_admin      Avery Admin\n    coach    usr_coach1     Coach Casey',
    );
    expect(listing).to.include('    athlete  usr_athlete1   Alex');
  });
});
