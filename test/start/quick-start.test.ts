import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { parseTtl } from '../../src/auth/sign-token.js';
import { loadConfig } from '../../src/config.js';
import { describeUsers } from '../../src/cli/user-list.js';
import { createDatabase, type Database } from '../../src/data/database.js';
import { migrateToLatest } from '../../src/data/migrate.js';
import { listUsers } from '../../src/data/users-repository.js';
import { createSecretBox } from '../../src/lib/secret-box.js';
import { withQuickStartSecrets } from '../../src/quick-start-secrets.js';
import { seedDemo } from '../../src/sandbox/seed.js';

describe('quick start secrets', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'groups-quick-start-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('generates token and cursor secrets and a webhook-secrets key into the data folder once, then reuses them', () => {
    const first = withQuickStartSecrets(loadConfig({ DATA_DIR: dataDir }));
    expect(first.jwtSecret).to.be.a('string').with.length.at.least(32);
    expect(first.pageTokenSecret).to.be.a('string').with.length.at.least(32);
    expect(first.jwtSecret).to.not.equal(first.pageTokenSecret);
    const [key, ...more] = first.webhookSecretsKeys!;
    expect(more).to.deep.equal([]);
    expect(key!.id).to.equal('local');
    expect(key!.key).to.have.length(32);
    const stored = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
    expect(stored).to.deep.equal({
      jwt_secret: first.jwtSecret,
      page_token_secret: first.pageTokenSecret,
      webhook_secrets_key: `local:${key!.key.toString('base64')}`,
    });
    expect(statSync(join(dataDir, 'secrets.json')).mode & 0o077).to.equal(0);
    const second = withQuickStartSecrets(loadConfig({ DATA_DIR: dataDir }));
    expect([second.jwtSecret, second.pageTokenSecret, second.webhookSecretsKeys]).to.deep.equal([
      first.jwtSecret,
      first.pageTokenSecret,
      first.webhookSecretsKeys,
    ]);
  });

  it('adds a webhook-secrets key to the file of an older version, keeping its secrets', () => {
    const older = { jwt_secret: 'j'.repeat(43), page_token_secret: 'p'.repeat(43) };
    writeFileSync(join(dataDir, 'secrets.json'), JSON.stringify(older), { mode: 0o600 });
    const config = withQuickStartSecrets(loadConfig({ DATA_DIR: dataDir }));
    expect([config.jwtSecret, config.pageTokenSecret]).to.deep.equal([older.jwt_secret, older.page_token_secret]);
    const stored = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
    expect(stored).to.deep.include(older);
    expect(stored.webhook_secrets_key).to.equal(`local:${config.webhookSecretsKeys![0]!.key.toString('base64')}`);
    const again = withQuickStartSecrets(loadConfig({ DATA_DIR: dataDir }));
    expect(again.webhookSecretsKeys).to.deep.equal(config.webhookSecretsKeys);
  });

  it('refuses a secrets file that is not JSON rather than replace the key its webhook secrets are sealed with', () => {
    writeFileSync(join(dataDir, 'secrets.json'), '{"jwt_secret": "j', { mode: 0o600 });
    expect(() => withQuickStartSecrets(loadConfig({ DATA_DIR: dataDir }))).to.throw(
      /secrets\.json is not valid JSON: mend it, or delete it to start over with new secrets/,
    );
    expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8'), 'left as it was').to.equal('{"jwt_secret": "j');
  });

  it('keeps configured secrets and never generates any in production', () => {
    const secret = 's'.repeat(40);
    const webhookSecretsKey = `k1:${Buffer.alloc(32, 1).toString('base64')}`;
    const configured = withQuickStartSecrets(
      loadConfig({
        DATA_DIR: dataDir,
        AUTH_JWT_SECRET: secret,
        PAGE_TOKEN_SECRET: secret,
        WEBHOOK_SECRETS_KEY: webhookSecretsKey,
      }),
    );
    expect(configured.jwtSecret).to.equal(secret);
    expect(configured.webhookSecretsKeys!.map((key) => key.id)).to.deep.equal(['k1']);
    expect(() => statSync(join(dataDir, 'secrets.json'))).to.throw();
    const production = loadConfig({
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      AUTH_JWKS_URL: 'https://id.astral.run/jwks',
      PAGE_TOKEN_SECRET: secret,
      DATABASE_URL: 'mysql://db/x',
      WEBHOOK_SECRETS_KEY: webhookSecretsKey,
    });
    expect(withQuickStartSecrets(production)).to.equal(production);
    expect(() => statSync(join(dataDir, 'secrets.json'))).to.throw();
  });

  it('reads token lifetimes such as 90s, 15m, 1h and 7d', () => {
    expect(['90s', '15m', '1h', '7d'].map(parseTtl)).to.deep.equal([90, 900, 3600, 604800]);
    expect(() => parseTtl('1 hour')).to.throw('--ttl takes a duration such as 15m, 1h or 7d, not "1 hour".');
  });
});

describe('the demo organization', function () {
  this.timeout(60_000);
  let folder: string;
  let db: Database;
  const secrets = createSecretBox([{ id: 'demo', key: Buffer.alloc(32, 2) }]);

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'groups-demo-'));
    db = createDatabase({ url: undefined, sqliteFile: join(folder, 'demo.sqlite'), poolMax: 1 });
    await migrateToLatest(db);
  });
  after(async () => {
    await db?.destroy();
    rmSync(folder, { recursive: true, force: true });
  });

  it("carries the API reference's ids, so its examples work verbatim, and seeds once", async () => {
    const seeded = await seedDemo(db, secrets, () => new Date('2025-04-30T12:00:00Z'));
    expect(seeded).to.deep.equal({ organizations: 1, users: 43, activities: seeded.activities, groups: 3 });
    expect(await db('organizations').pluck('id')).to.deep.equal(['org_xyz789']);
    const users = await listUsers(db);
    expect(users.filter((user) => user.role !== 'athlete').map((user) => [user.role, user.id])).to.deep.equal([
      ['admin', 'usr_admin'],
      ['coach', 'usr_coach1'],
      ['coach', 'usr_coach2'],
    ]);
    expect(users.filter((user) => user.role === 'athlete').map((user) => user.id)).to.include.members([
      'usr_athlete1',
      'usr_athlete2',
      'usr_athlete3',
      'usr_athlete4',
      'usr_athlete40',
    ]);
    const groups = await db('groups').select('id', 'name', 'privacy', 'owner_id').orderBy('id');
    expect(groups).to.deep.equal([
      { id: 'grp_abc123', name: 'Spring Marathon Cohort', privacy: 'private', owner_id: 'usr_coach1' },
      { id: 'grp_trail', name: 'Trail Crew', privacy: 'public', owner_id: 'usr_coach2' },
      { id: 'grp_tuesday', name: 'Tuesday Speed Group', privacy: 'public', owner_id: 'usr_coach1' },
    ]);
    const members = await db('group_members').where({ group_id: 'grp_abc123' }).pluck('user_id');
    expect(members).to.include.members(['usr_athlete1', 'usr_athlete2', 'usr_athlete15']).and.have.length(15);
    // Its webhook endpoint's secret is stored sealed, as the API stores one.
    const [sealed]: string[] = await db('webhook_endpoints').where({ id: 'whe_demo' }).pluck('secret');
    expect(sealed).to.match(/^v1:demo:/);
    expect(secrets.open(sealed!, 'whe_demo')).to.match(/^whsec_/);
    // At version 3 after two changes, so the reference's `If-Match: "v3"` example applies.
    expect(await db('groups').where({ id: 'grp_abc123' }).first('version', 'description')).to.deep.equal({
      version: 3,
      description: '12-week marathon training cohort',
    });
    const actions = await db('audit_events').where({ group_id: 'grp_abc123' }).pluck('action');
    expect(actions.filter((action) => action === 'group.created')).to.have.length(1);
    expect(actions.filter((action) => action === 'member.added')).to.have.length(15);
    expect(actions.filter((action) => action === 'group.updated')).to.have.length(1);

    const again = await seedDemo(db, secrets, () => new Date('2025-04-30T12:00:00Z'));
    expect(again.groups).to.equal(0);
    expect(await db('groups').count({ n: '*' })).to.deep.equal([{ n: 3 }]);
  });

  it('is listed by npm run token without a user id, per organization and role', async () => {
    const listing = describeUsers(await listUsers(db));
    expect(listing.split('\n').slice(0, 11)).to.deep.equal([
      'Users in this database (a token for one: npm run token -- <user_id>):',
      '  org_xyz789',
      '    admin    usr_admin      Avery Admin',
      '    coach    usr_coach1     Coach Casey',
      '    coach    usr_coach2     Coach Robin',
      '    athlete  usr_athlete1   Alex',
      '    athlete  usr_athlete2   Sam',
      '    athlete  usr_athlete3   Jordan',
      '    athlete  usr_athlete4   Riley',
      '    athlete  usr_athlete5   Morgan',
      '    … and 35 more athletes',
    ]);
    expect(describeUsers([])).to.equal(
      'This database has no users yet: load some with npm run db:load or npm run db:seed.',
    );
    const inactive = describeUsers([
      { id: 'usr_b', org_id: 'org_2', name: 'B', role: 'coach', status: 'inactive', timezone: null },
      { id: 'usr_a', org_id: 'org_1', name: 'A', role: 'trainer', status: 'active', timezone: null },
    ]);
    expect(inactive.split('\n').slice(1)).to.deep.equal([
      '  org_2',
      '    coach    usr_b  B (inactive: the API refuses its tokens)',
      '  org_1',
      '    trainer  usr_a  A',
    ]);
  });
});
