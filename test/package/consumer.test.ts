// The SDK as a partner gets it: packed, installed into a fresh project outside the repository,
// type-checked with --strict (including lines that must not compile), imported from ES
// modules and CommonJS, and run method by method against a live server.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { createDatabase } from '../../src/data/database.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { testDatabase } from '../support/hooks.js';
import { recordResponse } from '../support/spec-coverage.js';
import { addActivity, createOrganization, testSecrets, tokenFor } from '../support/world.js';
import { installPackedSdk, strictTscArgs, tsc } from '../support/packed-sdk.js';
import { runCommand } from '../support/run-command.js';

const fixtures = fileURLToPath(new URL('./consumer/', import.meta.url));
// Other Node.js builds a partner may run the SDK on (scripts/test-setup.sh lists 20, 22 and 24);
// the one running the suite runs the full checks below anyway.
const otherNodes = (process.env.SDK_CONSUMER_NODES ?? '')
  .split(':')
  .filter(Boolean)
  .map((node) => ({ node, version: execFileSync(node, ['--version'], { encoding: 'utf8' }).trim() }))
  .filter(({ version }) => version !== process.version);

const run = (command: string, args: string[], cwd: string, env: Record<string, string> = {}) =>
  runCommand(command, args, cwd, { env });

describe('SDK in a partner project', function () {
  this.timeout(180_000);
  let project: string;
  let tarball: string;
  let running: RunningServer;
  const env: Record<string, string> = {};

  before(async () => {
    ({ project, tarball } = await installPackedSdk('groups-sdk-consumer-'));
    for (const file of readdirSync(fixtures)) copyFileSync(join(fixtures, file), join(project, file));

    const org = await createOrganization();
    const coach = await org.addUser({ role: 'coach' });
    const memberA = await org.addUser({ role: 'athlete', name: 'Alex' });
    const memberB = await org.addUser({ role: 'athlete', name: 'Blake' });
    const now = Date.now();
    for (let i = 0; i < 3; i++)
      await addActivity(org.id, memberA, { startTime: new Date(now - (i + 1) * 3_600_000).toISOString() });
    const config = { ...loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0' }), ...testSecrets };
    running = await startServer(config, createDatabase(testDatabase().options), pino({ level: 'silent' }), {
      onRequestCompleted: recordResponse,
    });
    Object.assign(env, {
      BASE_URL: running.url,
      COACH_TOKEN: await tokenFor(coach),
      OWNER_ID: coach,
      MEMBER_A: memberA,
      MEMBER_B: memberB,
    });
  });

  after(async () => {
    await running?.stop();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('packs only dist, README, LICENSE and CHANGELOG (and package.json)', async () => {
    const listed = (await run('tar', ['-tzf', tarball], project)).trim().split('\n');
    expect(listed.filter((path) => !path.startsWith('package/dist/')).sort()).to.deep.equal([
      'package/CHANGELOG.md',
      'package/LICENSE',
      'package/README.md',
      'package/package.json',
    ]);
    expect(listed).to.include.members([
      'package/dist/esm/index.js',
      'package/dist/esm/index.d.ts',
      'package/dist/cjs/index.cjs',
      'package/dist/cjs/index.d.cts',
    ]);
  });

  it('type-checks a strict consumer, and the lines that must not compile do not', async () => {
    const args = strictTscArgs;
    await run(tsc, [...args, 'consumer.mts', 'consumer.cts'], project);
    // Without the @ts-expect-error markers the same file must fail, naming the misspelled field.
    writeFileSync(
      join(project, 'unmarked.mts'),
      readFileSync(join(project, 'consumer.mts'), 'utf8').replace(/\/\/ @ts-expect-error.*\n/g, ''),
    );
    let output = '';
    try {
      await run(tsc, [...args, 'unmarked.mts'], project);
    } catch (error) {
      output = String((error as { stdout: string }).stdout);
    }
    expect(output).to.contain("'userId' does not exist");
    expect(output).to.contain('"secret"');
    expect(output).to.contain('"8d"');
    expect(output, 'a stray StatsDay key').to.contain("'athlete1'");
    expect(output, 'a misspelled error code').to.contain('"group_missing"');
    expect(output, 'changes of a membership event').to.contain("'event.changes' is possibly 'null'");
  });

  it('runs every method from an ES module against a live server', async () => {
    const out = JSON.parse(await run(process.execPath, ['run-esm.mjs'], project, env));
    expect(out.created.status).to.equal('success');
    expect(out.group).to.include({
      name: 'SDK Block',
      privacy: 'private',
      description: 'made by the SDK',
      owner_id: env.OWNER_ID,
    });
    expect(out.group.members).to.deep.equal([env.MEMBER_A]);
    expect(out.updated).to.deep.equal({ group_id: out.created.group_id, status: 'success' });
    expect(out.afterUpdate.members).to.deep.equal([env.MEMBER_A, env.MEMBER_B].sort());
    expect(out.listPage).to.include({ count: 1, page_size: 1, total_athletes: 2, unassigned_count: 0 });
    expect(out.iteratedGroups).to.deep.equal(['SDK Block']);
    expect(out.activitiesPage.count).to.equal(2);
    expect(out.activitiesPage.next_page_token).to.be.a('string');
    expect(out.iteratedActivities).to.have.length(3);
    expect(out.stats.summary).to.deep.equal({ total_distance: 15000, total_activities: 3, engagement_rate: 50 });
    expect(out.auditPage.count).to.equal(2);
    expect(out.iteratedAudit).to.deep.equal(['member.added', 'group.updated', 'member.added', 'group.created']);
    expect(out.rawStatus).to.equal(200);
    expect(out.etag).to.equal('"v2"');
    expect(out.membersUpdated).to.deep.equal({
      group_id: out.created.group_id,
      status: 'success',
      members: [env.MEMBER_A],
      etag: '"v3"',
      attempts: 1,
    });
    expect(out.conflict).to.include({ status: 409, code: 'group_name_taken', title: 'Group name taken' });
    expect(out.conflict.requestId).to.be.a('string');
    expect(out.deleted.status).to.equal('success');
    expect(out.missing).to.deep.equal({ status: 404, code: 'group_not_found' });
    expect(out.network).to.equal('GroupsNetworkError');
  });

  it('works from CommonJS', async () => {
    const out = JSON.parse(await run(process.execPath, ['run-cjs.cjs'], project, env));
    expect(out).to.deep.equal({ count: 0, total_athletes: 2, problem: { status: 404, code: 'group_not_found' } });
  });

  for (const { node, version } of otherNodes)
    it(`runs from an ES module and from CommonJS on Node ${version}`, async () => {
      const esm = JSON.parse(await run(node, ['run-esm.mjs'], project, env));
      expect(esm.afterUpdate.members).to.deep.equal([env.MEMBER_A, env.MEMBER_B].sort());
      expect(esm.iteratedAudit).to.deep.equal(['member.added', 'group.updated', 'member.added', 'group.created']);
      expect(esm.conflict).to.include({ status: 409, code: 'group_name_taken' });
      expect(esm.missing).to.deep.equal({ status: 404, code: 'group_not_found' });
      expect(esm.network).to.equal('GroupsNetworkError');
      const cjs = JSON.parse(await run(node, ['run-cjs.cjs'], project, env));
      expect(cjs).to.deep.equal({ count: 0, total_athletes: 2, problem: { status: 404, code: 'group_not_found' } });
    });
});
