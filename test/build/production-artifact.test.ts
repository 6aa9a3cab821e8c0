// The production artifact as an operator makes and runs it: scripts/make-artifact.sh into a
// temporary folder, production dependencies only (`npm ci --omit=dev --omit=optional`: no
// development tools, and no embedded SQLite driver to compile), the compiled migrate command
// on a fresh MySQL database, then plain `node` with NODE_ENV=production. MySQL only:
// production refuses to start without DATABASE_URL.
import { createServer, type Server } from 'node:net';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { signToken } from '../../src/auth/sign-token.js';
import { createDatabase, type Database } from '../../src/data/database.js';
import { normalizeGroupName } from '../../src/domain/group-name.js';
import { dialect } from '../support/database.js';
import { ChildService, GaveUp, waitUntil } from '../support/processes.js';
import { runCommand } from '../support/run-command.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const serverUrl = process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/test';
const secrets = {
  AUTH_JWT_SECRET: 'artifact-jwt-secret-0123456789abcdef0123',
  PAGE_TOKEN_SECRET: 'artifact-page-token-secret-0123456789abcd',
  WEBHOOK_SECRETS_KEY: `artifact:${Buffer.alloc(32, 'a').toString('base64')}`,
};

const run = (command: string, args: string[], cwd: string, env: Record<string, string> = {}) =>
  runCommand(command, args, cwd, { env, timeoutMs: 600_000 });

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** A port held by another listener, for as long as the test keeps it. */
async function occupiedPort(): Promise<{ port: number; release: () => Promise<void> }> {
  const holder: Server = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const { port } = holder.address() as { port: number };
  return { port, release: () => new Promise((resolve) => holder.close(() => resolve())) };
}

/** Whether nothing listens on the port any more. */
async function isFree(port: number): Promise<boolean> {
  const probe = createServer();
  return new Promise((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

// A failed start must end the process by itself; far more than the few seconds it takes, so
// that only a process that lingers (the bug) runs into it, however loaded the machine.
const exitDeadlineMs = 30_000;

if (dialect === 'mysql')
  describe('production artifact: npm ci --omit=dev --omit=optional, compiled migrate, plain node', function () {
    this.timeout(900_000);
    let folder: string;
    let admin: Database;
    let database: Database;
    let databaseName: string;
    let env: Record<string, string>;
    let server: ChildService | undefined;
    let baseUrl: string;

    before(async () => {
      folder = mkdtempSync(join(tmpdir(), 'groups-artifact-'));
      await run('bash', ['scripts/make-artifact.sh', folder], root);
      const installing = performance.now();
      await run('npm', ['ci', '--omit=dev', '--omit=optional', '--no-audit', '--no-fund', '--prefer-offline'], folder);
      console.log(
        `      npm ci --omit=dev --omit=optional in the artifact: ${seconds(performance.now() - installing)}`,
      );

      databaseName = `groups_artifact_${process.pid}_${Date.now()}`;
      admin = createDatabase({ url: serverUrl, sqliteFile: '', poolMax: 1 });
      await admin.raw(`create database \`${databaseName}\` character set utf8mb4 collate utf8mb4_bin`);
      const url = new URL(serverUrl);
      url.pathname = `/${databaseName}`;
      database = createDatabase({ url: url.toString(), sqliteFile: '', poolMax: 1 });
      env = { NODE_ENV: 'production', DATABASE_URL: url.toString(), HOST: '127.0.0.1', PORT: '0', ...secrets };
    });

    after(async () => {
      await server?.stop('SIGKILL');
      await database?.destroy();
      if (databaseName) await admin.raw(`drop database if exists \`${databaseName}\``);
      await admin?.destroy();
      if (folder) rmSync(folder, { recursive: true, force: true });
    });

    it('holds compiled JavaScript and production dependencies only', () => {
      expect(existsSync(join(folder, 'dist/src/cli/serve.js'))).to.equal(true);
      expect(existsSync(join(folder, 'dist/migrations/index.js'))).to.equal(true);
      expect(existsSync(join(folder, 'dist/docs/index.html'))).to.equal(true);
      expect(existsSync(join(folder, 'src'))).to.equal(false);
      for (const tool of ['tsx', 'typescript', 'mocha', '@redocly/cli', 'eslint', 'better-sqlite3'])
        expect(existsSync(join(folder, 'node_modules', tool)), tool).to.equal(false);
      expect(existsSync(join(folder, 'node_modules/express'))).to.equal(true);
    });

    it('migrates a fresh MySQL database with the compiled migrate command, given DATABASE_URL alone', async () => {
      const output = await run('node', ['dist/src/cli/migrate.js'], folder, {
        NODE_ENV: 'production',
        DATABASE_URL: env.DATABASE_URL!,
      });
      expect(output).to.match(/^Applied 20261126080000_platform_tables, /);
      expect(existsSync(join(folder, 'data')), 'no quick-start secrets written').to.equal(false);
      const tables = (await database.raw('show tables'))[0] as Record<string, string>[];
      expect(tables.map((row) => Object.values(row)[0])).to.include.members(['groups', 'group_members', 'users']);
    });

    it('says in one line what a command lacks: DATABASE_URL, and outside production the embedded database', async () => {
      const failure = (extra: Record<string, string>) =>
        run('node', ['dist/src/cli/migrate.js'], folder, extra).then(
          () => 'it ran',
          (error: unknown) => (error as Error).message.split('\n').slice(1).join('\n'),
        );
      expect(await failure({ NODE_ENV: 'production' })).to.equal(
        'Invalid configuration:\n  - production needs DATABASE_URL\n',
      );
      expect(await failure({ NODE_ENV: 'development' })).to.equal(
        'Invalid configuration:\n  - DATABASE_URL is not set, and the embedded SQLite database needs the optional package better-sqlite3, which this install left out: set DATABASE_URL=mysql://user:pass@host:3306/db\n',
      );
      expect(existsSync(join(folder, 'data')), 'no quick-start secrets written').to.equal(false);
    });

    it('loads, seeds and signs tokens with the compiled commands, each given only what it uses', async () => {
      const production = { NODE_ENV: 'production', DATABASE_URL: env.DATABASE_URL! };
      const dataset = join(folder, 'dataset.json');
      writeFileSync(
        dataset,
        JSON.stringify({
          organizations: [{ id: 'org_loaded', name: 'Loaded club' }],
          users: [{ id: 'usr_loadedcoach', org_id: 'org_loaded', name: 'Coach Lo', role: 'coach', status: 'active' }],
          activities: [],
        }),
      );
      expect(await run('node', ['dist/src/cli/load.js', dataset], folder, production)).to.equal(
        'Loaded 1 organizations, 1 users and 0 activities.\n',
      );
      const token = (
        await run('node', ['dist/src/cli/token.js', 'usr_loadedcoach'], folder, {
          ...production,
          AUTH_JWT_SECRET: secrets.AUTH_JWT_SECRET,
        })
      ).trim();
      expect(token.split('.'), 'a JWT').to.have.length(3);
      expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'))).to.include({
        sub: 'usr_loadedcoach',
      });
      expect(
        await run('node', ['dist/src/cli/seed.js'], folder, {
          ...production,
          WEBHOOK_SECRETS_KEY: secrets.WEBHOOK_SECRETS_KEY,
        }),
      ).to.match(/^Seeded 43 users, \d+ activities and 3 new groups\.\n$/);
      expect(existsSync(join(folder, 'data')), 'no quick-start secrets written').to.equal(false);
    });

    it('keeps /readyz at 503, with the reason, on a database nobody migrated, and turns ready once it is', async () => {
      const unmigrated = `${databaseName}_fresh`;
      await admin.raw(`create database \`${unmigrated}\` character set utf8mb4 collate utf8mb4_bin`);
      const url = new URL(env.DATABASE_URL!);
      url.pathname = `/${unmigrated}`;
      const started = ChildService.start({
        command: ['node', 'dist/src/cli/serve.js'],
        cwd: folder,
        env: { ...env, DATABASE_URL: url.toString() },
      });
      try {
        const listening = await started.waitForLog('listening', 30_000);
        const notReady = await started.waitForLog(/^not ready: /, 30_000);
        expect(String(notReady.msg)).to.match(
          /^not ready: the database schema is \d+ migrations behind this version \(up to \d+_\w+\): run node dist\/src\/cli\/migrate\.js$/,
        );
        const probe = await fetch(`${String(listening.url)}/readyz`);
        expect(probe.status).to.equal(503);
        expect(((await probe.json()) as { detail: string }).detail).to.contain('migrations behind this version');
        await run('node', ['dist/src/cli/migrate.js'], folder, {
          NODE_ENV: 'production',
          DATABASE_URL: url.toString(),
        });
        // It looks again every 5 s.
        await started.waitForReady(String(listening.url), 30_000);
      } finally {
        await started.stop('SIGKILL');
        await admin.raw(`drop database if exists \`${unmigrated}\``);
      }
    });

    // How fast it starts is the benchmark's (bench/RESULTS.md, cold start); this is that it does.
    it('starts with plain node and answers /readyz 200 once it has migrated tables to serve', async () => {
      const started = ChildService.start({ command: ['node', 'dist/src/cli/serve.js'], cwd: folder, env });
      server = started;
      const listening = await Promise.race([
        started.waitForLog('listening', 30_000),
        started.exited.then((exit) => {
          throw new Error(`the server exited (${exit.code}) before listening:\n${started.stderr}`);
        }),
      ]);
      baseUrl = String(listening.url);
      await started.waitForReady(baseUrl, 30_000);
      expect(await (await fetch(`${baseUrl}/readyz`)).json()).to.deep.equal({ status: 'ready' });
    });

    describe('a start that fails exits 1 with one clear line and leaves nothing open', () => {
      /** Starts serve.js with `faults` over the working environment; resolves once it exits by itself. */
      async function failedStart(faults: Record<string, string>) {
        const child = ChildService.start({
          command: ['node', 'dist/src/cli/serve.js'],
          cwd: folder,
          env: { ...env, REDIS_URL: 'redis://127.0.0.1:6379', ...faults },
        });
        let timer: NodeJS.Timeout | undefined;
        const exit = await Promise.race([
          child.exited,
          new Promise<never>((_resolve, reject) => {
            timer = setTimeout(() => {
              child.signal('SIGKILL');
              reject(new Error(`serve.js still ran ${exitDeadlineMs} ms after a failed start:\n${child.stderr}`));
            }, exitDeadlineMs);
          }),
        ]).finally(() => clearTimeout(timer));
        const fatal = child.logs.filter((line) => line.level === 60).map((line) => String(line.msg));
        return { code: exit.code, fatal, stderr: child.stderr };
      }

      it('when PORT is in use', async () => {
        const held = await occupiedPort();
        try {
          const outcome = await failedStart({ PORT: String(held.port) });
          expect(outcome.code).to.equal(1);
          expect(outcome.fatal).to.deep.equal([`port ${held.port} is in use; set PORT`]);
        } finally {
          await held.release();
        }
      });

      it('when METRICS_PORT is in use, releasing the API port it had opened', async () => {
        const held = await occupiedPort();
        const api = await occupiedPort();
        await api.release();
        try {
          const outcome = await failedStart({ PORT: String(api.port), METRICS_PORT: String(held.port) });
          expect(outcome.code).to.equal(1);
          expect(outcome.fatal).to.deep.equal([`port ${held.port} is in use; set METRICS_PORT`]);
          expect(await isFree(api.port)).to.equal(true);
        } finally {
          await held.release();
        }
      });

      it('when the database refuses the credentials', async () => {
        const refused = new URL(env.DATABASE_URL!);
        refused.username = 'nobody_here';
        refused.password = 'wrong';
        const outcome = await failedStart({ DATABASE_URL: refused.toString() });
        expect(outcome.code).to.equal(1);
        expect(outcome.fatal).to.have.length(1);
        expect(outcome.fatal[0]).to.match(
          /^could not start: the database at 127\.0\.0\.1:3306\/groups_artifact_\w+ refuses the configured credentials \(.*Access denied/,
        );
        expect(outcome.fatal[0]).to.not.include('wrong');
      });

      it('when the configuration is invalid', async () => {
        const outcome = await failedStart({ PORT: 'eighty' });
        expect(outcome.code).to.equal(1);
        // One message, listing every invalid setting on a line of its own.
        expect(outcome.stderr).to.match(/^Invalid configuration:\n {2}- PORT\b.*\n$/);
      });
    });

    it('serves API operations to a token signed with the configured secret', async () => {
      const orgId = `org_artifact${Date.now()}`;
      await database('organizations').insert({ id: orgId, name: 'Artifact Club', created_at: new Date() });
      await database('users').insert({
        id: 'usr_artifactcoach',
        org_id: orgId,
        name: 'Coach Artie',
        role: 'coach',
        status: 'active',
        created_at: new Date(),
      });
      const token = await signToken({ secret: secrets.AUTH_JWT_SECRET, userId: 'usr_artifactcoach', ttlSeconds: 600 });
      const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      const created = await fetch(`${baseUrl}/api/v1/groups`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'Production Block', user_id: 'usr_artifactcoach' }),
      });
      expect(created.status).to.equal(200);
      const listed = await fetch(`${baseUrl}/api/v1/groups`, { headers });
      expect(listed.status).to.equal(200);
      const body = (await listed.json()) as { groups: { name: string }[] };
      expect(body.groups.map((group) => group.name)).to.deep.equal(['Production Block']);
      expect((await fetch(`${baseUrl}/docs`)).status).to.equal(200);
    });

    it('answers a create retried after its process was killed mid-create at once: the key died with it', async () => {
      const orgId = `org_killed${Date.now()}`;
      await database('organizations').insert({ id: orgId, name: 'Killed Club', created_at: new Date() });
      await database('users').insert({
        id: 'usr_killedcoach',
        org_id: orgId,
        name: 'Coach Kil',
        role: 'coach',
        status: 'active',
        created_at: new Date(),
      });
      const token = await signToken({ secret: secrets.AUTH_JWT_SECRET, userId: 'usr_killedcoach', ttlSeconds: 600 });
      const create = (origin: string) =>
        fetch(`${origin}/api/v1/groups`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${token}`,
            'Content-Type': 'application/json',
            'Idempotency-Key': 'retry-me-1',
          },
          body: JSON.stringify({ name: 'Killed Block', user_id: 'usr_killedcoach' }),
        });
      const doomed = ChildService.start({ command: ['node', 'dist/src/cli/serve.js'], cwd: folder, env });
      const doomedUrl = String((await doomed.waitForLog('listening', 30_000)).url);
      await doomed.waitForReady(doomedUrl, 30_000);
      // Another transaction holds the group's name: the create claims its key, then waits on it.
      const holder = await database.transaction();
      try {
        await holder('groups').insert({
          id: 'grp_holdsthename000000000',
          org_id: orgId,
          name: 'Killed Block',
          name_key: normalizeGroupName('Killed Block').key,
          description: null,
          privacy: 'public',
          owner_id: 'usr_killedcoach',
          created_at: new Date(),
          updated_at: new Date(),
          version: 1,
        });
        let answered: string | undefined;
        const inFlight = create(doomedUrl).then(
          async (response) => {
            answered = `${response.status} ${await response.text()}`;
          },
          () => undefined,
        );
        // Killed while its transaction, the key's claim in it, waits on the name (for at most
        // the statement limit, 1.5 s). The process list, not information_schema.innodb_trx:
        // InnoDB refreshes that only when it was not read in the last 100 ms, so polling it
        // faster shows the same stale rows forever.
        await waitUntil(
          'the create waits on the name',
          10_000,
          async () => {
            if (answered) throw new GaveUp(`the create was answered before it was killed: ${answered}`);
            const [[row]] = (await admin.raw(
              "SELECT COUNT(*) AS n FROM information_schema.processlist WHERE db = ? AND command = 'Query' AND info LIKE 'insert into `groups`%'",
              [databaseName],
            )) as [[{ n: number }]];
            return Number(row.n) > 0 ? true : undefined;
          },
          20,
        );
        await doomed.stop('SIGKILL');
        await inFlight;
      } finally {
        await doomed.stop('SIGKILL');
        await holder.rollback();
      }
      const retried = await create(baseUrl);
      expect(retried.status, await retried.clone().text()).to.equal(200);
      expect(retried.headers.get('idempotent-replayed')).to.equal(null);
    });

    it('drains and exits 0 on SIGTERM', async () => {
      server!.signal('SIGTERM');
      expect((await server!.exited).code).to.equal(0);
      server = undefined;
    });
  });
