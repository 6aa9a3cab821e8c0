// `npm start` (src/cli/start.ts) as a person runs it: a start that fails prints one plain line
// that says what to do on stderr, no JSON log, and exits 1 by itself. The embedded quick start
// only; it runs once (test/suites.mjs). (The production start's failures are tested on
// the built artifact: test/build/production-artifact.test.ts.)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ServiceProcess } from '../support/service-process.js';

// Far beyond what a failed start takes: only a process that lingers (the bug) reaches it.
const exitDeadlineMs = 30_000;

async function exitOf(service: ServiceProcess) {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`npm start still ran after ${exitDeadlineMs} ms`)), exitDeadlineMs);
  });
  try {
    return await Promise.race([service.exited, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

describe('npm start: a failed start says what to do in one line and exits 1', function () {
  this.timeout(60_000);
  let service: ServiceProcess | undefined;

  afterEach(async () => {
    await service?.dispose();
    service = undefined;
  });

  it('says `port N is in use; set PORT` when the port is taken', async () => {
    const holder = createServer();
    const dataDir = mkdtempSync(join(tmpdir(), 'groups-busy-port-'));
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as { port: number };
    try {
      service = ServiceProcess.start({ PORT: String(port), SQLITE_FILE: join(dataDir, 'groups.sqlite') });
      expect((await exitOf(service)).code).to.equal(1);
      expect(service.stderr).to.equal(`port ${port} is in use; set PORT\n`);
      expect(service.logs.filter((line) => (line.level ?? 0) >= 50)).to.deep.equal([]);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('names the failure when the embedded database cannot be migrated', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'groups-corrupt-'));
    try {
      const sqliteFile = join(dataDir, 'groups.sqlite');
      writeFileSync(sqliteFile, 'this is not an SQLite database, it is a text file\n'.repeat(50));
      service = ServiceProcess.start({ SQLITE_FILE: sqliteFile });
      expect((await exitOf(service)).code).to.equal(1);
      expect(service.stderr).to.match(/^could not start: .*not a database\n$/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
