// npm run db:reset: the quick start's embedded database back to what a fresh clone has, with the
// secrets (and so the printed tokens) kept; refused for a DATABASE_URL.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createDatabase } from '../../src/data/database.js';
import { repositoryRoot } from '../support/packed-sdk.js';
import { runCommand } from '../support/run-command.js';

describe('npm run db:reset', function () {
  this.timeout(120_000);
  let dataDir: string;
  const reset = (env: Record<string, string>) =>
    runCommand(process.execPath, ['--import', 'tsx', 'src/cli/reset.ts'], repositoryRoot, {
      env: { NODE_ENV: 'development', DATABASE_URL: '', ...env },
    });

  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'groups-reset-'));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds the demo again over what the examples changed, keeping the secrets', async () => {
    const env = { DATA_DIR: dataDir, SQLITE_FILE: join(dataDir, 'groups.sqlite') };
    expect(await reset(env)).to.match(
      /^Reset .*groups\.sqlite: 43 users, \d+ activities and 3 groups of the demo organization\.\n$/,
    );
    const secrets = readFileSync(join(dataDir, 'secrets.json'), 'utf8');
    const db = createDatabase({ url: undefined, sqliteFile: env.SQLITE_FILE, poolMax: 1 });
    await db('groups').where({ id: 'grp_abc123' }).update({ name: 'Renamed by an example' });
    await db.destroy();

    await reset(env);
    const again = createDatabase({ url: undefined, sqliteFile: env.SQLITE_FILE, poolMax: 1 });
    try {
      expect(await again('groups').where({ id: 'grp_abc123' }).first<{ name: string }>('name')).to.deep.equal({
        name: 'Spring Marathon Cohort',
      });
    } finally {
      await again.destroy();
    }
    expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8'), 'the same secrets').to.equal(secrets);
  });

  it('refuses a database of one’s own', async () => {
    const refused = await reset({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/test' }).then(
      () => 'reset it',
      (error: unknown) => (error as Error).message,
    );
    expect(refused).to.contain('resets the embedded quick-start database only');
  });
});
