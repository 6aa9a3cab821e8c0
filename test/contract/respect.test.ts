// The Arazzo workflows of groups.arazzo.yaml, run by `redocly respect` against a live server:
// every step's status code, content type and body schema are checked against openapi.yaml
// (respect's checks, all at error severity).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { createDatabase } from '../../src/data/database.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { testDatabase } from '../support/hooks.js';
import { recordResponse } from '../support/spec-coverage.js';
import { addActivity, createOrganization, testSecrets, tokenFor, uniqueName } from '../support/world.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface RespectReport {
  status: string;
  files: Record<
    string,
    { totalWorkflows: number; totalRequests: number; executedWorkflows: { workflowId: string; status: string }[] }
  >;
}

describe('contract workflows (redocly respect)', function () {
  this.timeout(120_000);
  let running: RunningServer;
  let folder: string;

  before(async () => {
    const config = { ...loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0' }), ...testSecrets };
    running = await startServer(config, createDatabase(testDatabase().options), pino({ level: 'silent' }), {
      onRequestCompleted: recordResponse,
    });
    folder = mkdtempSync(join(tmpdir(), 'groups-respect-'));
  });

  after(async () => {
    await running?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('passes every workflow with every check', async () => {
    const org = await createOrganization();
    const coach = await org.addUser({ role: 'coach' });
    const [memberA, memberB, outsider] = [await org.addUser(), await org.addUser(), await org.addUser()];
    await addActivity(org.id, memberA, { startTime: new Date(Date.now() - 86_400_000).toISOString() });
    const inputs = {
      coach_token: await tokenFor(coach),
      coach_id: coach,
      member_a: memberA,
      member_b: memberB,
      athlete_token: await tokenFor(outsider),
      group_name: uniqueName('Contract'),
      private_group_name: uniqueName('Private'),
      clash_group_name: uniqueName('Clash'),
      lost_update_group_name: uniqueName('Lost update'),
      idempotent_group_name: uniqueName('Idempotent'),
      idempotency_key: `contract-${uniqueName('key').replace(/\W/g, '-')}`,
    };
    const report = join(folder, 'respect.json');
    const args = [
      'redocly',
      'respect',
      'test/contract/groups.arazzo.yaml',
      '--server',
      `groups-api=${running.url}`,
      '--json-output',
      report,
    ];
    for (const [name, value] of Object.entries(inputs)) args.push('--input', `${name}=${value}`);
    let output = '';
    try {
      output = (
        await promisify(execFile)('npx', args, {
          cwd: root,
          env: { ...process.env, REDOCLY_TELEMETRY: 'off' },
          timeout: 90_000,
        })
      ).stdout;
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      expect.fail(`redocly respect failed:\n${stdout ?? ''}${stderr ?? ''}`);
    }
    const result = JSON.parse(readFileSync(report, 'utf8')) as RespectReport;
    expect(result.status, output).to.equal('success');
    const file = Object.values(result.files)[0]!;
    expect(file.executedWorkflows.map((workflow) => [workflow.workflowId, workflow.status])).to.deep.equal([
      ['coach-manages-a-group', 'success'],
      ['athlete-is-refused-a-private-group', 'success'],
      ['name-clash-is-a-conflict', 'success'],
      ['lost-update-is-refused', 'success'],
      ['idempotent-create-is-replayed', 'success'],
    ]);
    expect(file.totalRequests).to.equal(28);
  });
});
