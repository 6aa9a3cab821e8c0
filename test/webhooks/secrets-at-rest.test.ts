// Webhook signing secrets encrypted at rest (SECURITY.md, Secrets at rest): the API answers
// `whsec_…` secrets, yet a dump of the database holds none; deliveries are still signed with
// them; a rotation of WEBHOOK_SECRETS_KEY is finished by `migrate.js`; a secret that does not
// open holds its delivery back instead of failing it. And the migration that brought it, on a
// database of its own filled at the schema before.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { pino } from 'pino';
import { Webhook } from 'standardwebhooks';
import { migrationSource } from '../../migrations/index.js';
import type { SecretsKey } from '../../src/config.js';
import { isMysql, type Database } from '../../src/data/database.js';
import { migrateToLatest } from '../../src/data/migrate.js';
import { withMigrationContext } from '../../src/data/migration-context.js';
import { resealWebhookSecrets } from '../../src/data/webhook-secrets-at-rest.js';
import { createSecretBox } from '../../src/lib/secret-box.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { deadlineFor, pollUntil } from '../support/deadlines.js';
import { testDatabase } from '../support/hooks.js';
import { runCommand } from '../support/run-command.js';
import { testWebhookSecretsKey } from '../support/secrets.js';
import { createGroupVia, db, testApp, testSecrets, uniqueName } from '../support/world.js';
import {
  cleanUpWebhooks,
  registerEndpoint,
  testDispatcher,
  webhookOrganization,
  type Agent,
  type WebhookOrganization,
} from './support.js';

interface StoredSecrets {
  secret: string;
  previous_secret: string | null;
}

async function stored(id: string, database: Database = db()): Promise<StoredSecrets> {
  const row: StoredSecrets | undefined = await database('webhook_endpoints')
    .where({ id })
    .first('secret', 'previous_secret');
  if (!row) throw new Error(`no endpoint ${id}`);
  return row;
}

/** Everything the test database holds, as its operator would back it up. */
async function dumpOfTestDatabase(): Promise<string> {
  const { options } = testDatabase();
  if (options.url === undefined) {
    // The whole file, and the write-ahead log that holds what is not checkpointed into it yet.
    return [options.sqliteFile, `${options.sqliteFile}-wal`]
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file).toString('latin1'))
      .join('');
  }
  const [[{ schema }]] = (await db().raw('select database() as `schema`')) as unknown as [[{ schema: string }]];
  const url = new URL(options.url);
  const tool = existsSync('/usr/bin/mariadb-dump') ? 'mariadb-dump' : 'mysqldump';
  const { stdout } = await promisify(execFile)(
    tool,
    [
      `--host=${url.hostname}`,
      `--port=${url.port || '3306'}`,
      `--user=${decodeURIComponent(url.username)}`,
      '--single-transaction',
      '--skip-comments',
      schema,
    ],
    {
      env: { ...process.env, MYSQL_PWD: decodeURIComponent(url.password) },
      encoding: 'utf8',
      maxBuffer: 1024 * 1024 * 1024,
    },
  );
  return stdout;
}

describe('webhook signing secrets at rest', function () {
  this.timeout(30_000);
  let request: Agent;
  let world: WebhookOrganization;
  let receiver: Receiver | undefined;

  before(() => cleanUpWebhooks());

  beforeEach(async () => {
    request = testApp().request;
    world = await webhookOrganization();
  });

  afterEach(async () => {
    await cleanUpWebhooks();
    await receiver?.close();
    receiver = undefined;
  });

  const rotate = async (id: string): Promise<string> => {
    const rotation = await request.post(`/api/v1/webhook-endpoints/${id}/rotate-secret`).set(world.admin);
    expect(rotation.status, rotation.text).to.equal(200);
    return rotation.body.secret as string;
  };

  const waitFor = (what: string, probe: () => boolean) => pollUntil(what, deadlineFor(2000), async () => probe());

  const verifies = (secret: string, receipt: { body: string; headers: object }) =>
    new Webhook(secret).verify(receipt.body, receipt.headers as Record<string, string>);

  it('answers whsec_ secrets, while a dump of the database holds none of them, nor any whsec_', async () => {
    const first = await registerEndpoint(request, world.admin, { url: 'https://a.partner.example/hooks' });
    const second = await registerEndpoint(request, world.admin, { url: 'https://b.partner.example/hooks' });
    const rotated = await rotate(first.id);
    const answered = [first.secret, second.secret, rotated];
    for (const secret of answered) expect(secret).to.match(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const rows = [await stored(first.id), await stored(second.id)];
    const sealed = [rows[0]!.secret, rows[0]!.previous_secret!, rows[1]!.secret];
    for (const value of sealed) expect(value).to.match(/^v1:test:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$/);
    expect(rows[1]!.previous_secret).to.equal(null);
    // What a rotation moves is the stored value, still sealed.
    const box = createSecretBox(testSecrets.webhookSecretsKeys);
    expect(box.open(rows[0]!.previous_secret!, first.id)).to.equal(first.secret);

    const dump = await dumpOfTestDatabase();
    // The dump holds the endpoint rows: it is not empty where it matters.
    for (const value of sealed) expect(dump).to.include(value);
    expect(dump).to.not.include('whsec_');
    for (const secret of answered) expect(dump).to.not.include(secret.slice('whsec_'.length));
  });

  it('signs deliveries with the opened secrets: after a rotation both the new and the previous one verify', async () => {
    receiver = await startReceiver([{ status: 204 }]);
    const { id, secret: previous } = await registerEndpoint(request, world.admin, { url: `${receiver.url}/hooks` });
    const current = await rotate(id);
    await createGroupVia(request, world.coach, { name: uniqueName('Sealed'), user_id: world.coachId });
    testDispatcher();
    await waitFor('the receiver got the event', () => receiver!.received.length === 1);
    const [receipt] = receiver.received;
    for (const secret of [current, previous]) expect(verifies(secret, receipt!)).to.include({ type: 'group.created' });
  });

  it('holds back a delivery whose secret does not open, unsent and unrecorded, and says why in the log', async () => {
    receiver = await startReceiver([{ status: 204 }]);
    const { id } = await registerEndpoint(request, world.admin, { url: `${receiver.url}/hooks` });
    const absentKey = createSecretBox([{ id: 'gone', key: Buffer.alloc(32, 'g') }]);
    await db()('webhook_endpoints')
      .where({ id })
      .update({ secret: absentKey.seal(`whsec_${Buffer.alloc(32, 's').toString('base64')}`, id) });
    await createGroupVia(request, world.coach, { name: uniqueName('Unopened'), user_id: world.coachId });
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const dispatcher = testDispatcher({ logger });
    await waitFor('the dispatcher took the delivery and logged', () => lines.length > 0);
    await dispatcher.idle();

    expect(receiver.received).to.deep.equal([]);
    const deliveries = await db()('webhook_deliveries').where({ endpoint_id: id }).select('status', 'attempts');
    expect(deliveries).to.deep.equal([{ status: 'pending', attempts: 0 }]);
    const health = await db()('webhook_endpoints').where({ id }).first('consecutive_failures', 'status');
    expect(health).to.deep.equal({ consecutive_failures: 0, status: 'enabled' });
    expect(lines.map((line) => [line.msg, line.endpoint_id, (line.err as { message: string }).message])).to.deep.equal([
      [
        'webhook signing secret does not open; not sent, tried again when its claim lapses',
        id,
        'a webhook signing secret is sealed under key "gone", which WEBHOOK_SECRETS_KEY does not hold',
      ],
    ]);
  });

  it('reseals every secret under the new first key when migrate.js runs after WEBHOOK_SECRETS_KEY was rotated', async function () {
    this.timeout(120_000);
    receiver = await startReceiver([{ status: 204 }]);
    const { id, secret: previous } = await registerEndpoint(request, world.admin, { url: `${receiver.url}/hooks` });
    const current = await rotate(id);
    const next: SecretsKey = { id: 'next', key: Buffer.alloc(32, 'n') };
    const { options } = testDatabase();
    const output = await runCommand(process.execPath, ['--import', 'tsx', 'src/cli/migrate.ts'], process.cwd(), {
      env: {
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        AUTH_JWT_SECRET: testSecrets.jwtSecret,
        PAGE_TOKEN_SECRET: testSecrets.pageTokenSecret,
        // The new key first, the old one after it.
        WEBHOOK_SECRETS_KEY: `next:${next.key.toString('base64')},${testWebhookSecretsKey}`,
        ...(options.url ? { DATABASE_URL: options.url } : { DATABASE_URL: '', SQLITE_FILE: options.sqliteFile }),
      },
    });
    const rotated = createSecretBox([next, ...testSecrets.webhookSecretsKeys]);
    try {
      expect(output.trim().split('\n')).to.deep.equal([
        'The database is up to date.',
        'Re-encrypted 2 webhook signing secrets under key "next".',
      ]);
      const row = await stored(id);
      for (const value of [row.secret, row.previous_secret!]) expect(value).to.match(/^v1:next:/);
      expect([rotated.open(row.secret, id), rotated.open(row.previous_secret!, id)]).to.deep.equal([current, previous]);

      // Processes that hold the new key first, and the old one no more, deliver signed as before.
      testDispatcher({ secrets: createSecretBox([next]) });
      await createGroupVia(request, world.coach, { name: uniqueName('Rotated'), user_id: world.coachId });
      await waitFor('the receiver got the event', () => receiver!.received.length === 1);
      for (const secret of [current, previous]) verifies(secret, receiver.received[0]!);
    } finally {
      // Back under the suite's key, for whatever rows the tests after this one find.
      await resealWebhookSecrets(db(), createSecretBox([...testSecrets.webhookSecretsKeys, next]));
    }
  });
});

describe('migration: webhook signing secrets sealed at rest', function () {
  this.timeout(60_000);
  const name = '20261207110000_webhook_secrets_at_rest';
  const k1: SecretsKey = { id: 'k1', key: Buffer.alloc(32, 1) };
  const k2: SecretsKey = { id: 'k2', key: Buffer.alloc(32, 2) };
  const plainSecret = `whsec_${Buffer.alloc(32, 'p').toString('base64')}`;
  const plainPrevious = `whsec_${Buffer.alloc(32, 'q').toString('base64')}`;
  let database: TestDatabase;
  let migrationDb: Database;

  before(async () => {
    database = await createTestDatabase({ migrated: false });
    migrationDb = database.db;
    const names = await migrationSource.getMigrations([]);
    for (const before of names.slice(0, names.indexOf(name)))
      await migrationDb.migrate.up({ migrationSource, name: before });
    expect(names.indexOf(name)).to.be.greaterThan(names.indexOf('20261207100000_feed_horizons'));
    const now = new Date();
    await migrationDb('organizations').insert({ id: 'org_m1', name: 'Migrated', created_at: now });
    await migrationDb('webhook_endpoints').insert({
      id: 'whe_m1',
      org_id: 'org_m1',
      url: 'https://a.partner.example/',
      status: 'enabled',
      secret: plainSecret,
      previous_secret: plainPrevious,
      previous_secret_expires_at: new Date(now.getTime() + 3600_000),
      created_at: now,
      updated_at: now,
    });
  });

  after(async () => {
    await database?.drop();
  });

  const secretColumnLength = async (): Promise<number | undefined> => {
    if (!isMysql(migrationDb)) return undefined;
    const [[column]] = (await migrationDb.raw(
      "select character_maximum_length as length from information_schema.columns where table_schema = database() and table_name = 'webhook_endpoints' and column_name = 'secret'",
    )) as unknown as [[{ length: number }]];
    return Number(column.length);
  };

  it('refuses to run without a key while secrets are in plain text, with one line that says what to do', async () => {
    const refusal = await migrateToLatest(migrationDb).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(refusal?.message).to.equal(
      'webhook_endpoints holds 2 signing secrets in plain text: set WEBHOOK_SECRETS_KEY (see docs/operations.md) and run the migration again',
    );
    expect(await stored('whe_m1', migrationDb)).to.deep.equal({ secret: plainSecret, previous_secret: plainPrevious });
    expect(await migrationDb('knex_migrations').where({ name }).first()).to.equal(undefined);
    if (isMysql(migrationDb)) expect(await secretColumnLength()).to.equal(100);
  });

  it('with a key, widens the columns and seals every secret, which opens to what it was', async () => {
    expect(await migrateToLatest(migrationDb, { secretsKeys: [k1] })).to.deep.equal([name]);
    const row = await stored('whe_m1', migrationDb);
    for (const value of [row.secret, row.previous_secret!]) expect(value).to.match(/^v1:k1:/);
    const box = createSecretBox([k1]);
    expect([box.open(row.secret, 'whe_m1'), box.open(row.previous_secret!, 'whe_m1')]).to.deep.equal([
      plainSecret,
      plainPrevious,
    ]);
    if (isMysql(migrationDb)) expect(await secretColumnLength()).to.equal(255);
  });

  it('reseals under the new first key after a rotation, once: running it again changes nothing', async () => {
    const rotated = createSecretBox([k2, k1]);
    expect(await resealWebhookSecrets(migrationDb, rotated)).to.equal(2);
    const row = await stored('whe_m1', migrationDb);
    for (const value of [row.secret, row.previous_secret!]) expect(value).to.match(/^v1:k2:/);
    expect(createSecretBox([k2]).open(row.secret, 'whe_m1')).to.equal(plainSecret);
    expect(await resealWebhookSecrets(migrationDb, rotated)).to.equal(0);
    expect(await stored('whe_m1', migrationDb)).to.deep.equal(row);
  });

  it('migrates down to plain text with the keys that sealed, and not without them', async () => {
    const refusal = await migrationDb.migrate.down({ migrationSource, name }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(refusal?.message).to.equal(
      'webhook_endpoints holds 2 sealed signing secrets: set WEBHOOK_SECRETS_KEY to the keys that sealed them and migrate down again',
    );
    await withMigrationContext(migrationDb, { secretsKeys: [k2] }).migrate.down({ migrationSource, name });
    expect(await stored('whe_m1', migrationDb)).to.deep.equal({ secret: plainSecret, previous_secret: plainPrevious });
    if (isMysql(migrationDb)) expect(await secretColumnLength()).to.equal(100);
  });
});
