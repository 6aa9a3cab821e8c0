// scripts/test-setup.sh on a machine without Chromium: it installs it, or stops at once with one
// line naming what is missing and the command that installs it. The machine here has Chromium,
// so each case runs with a PATH of links to every command but `chromium`, and with stand-ins
// for `apt-get` (and `id`) that behave as on a machine where the install fails or succeeds.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const script = fileURLToPath(new URL('../../scripts/test-setup.sh', import.meta.url));

describe('test setup on a machine without Chromium', function () {
  this.timeout(120_000);
  let folder: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'groups-test-setup-'));
  });

  after(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  /** A folder of links to every command on PATH except chromium and the replaced ones, plus the stand-ins. */
  function sandboxPath(name: string, standIns: Record<string, string>): string {
    const bin = join(folder, name);
    mkdirSync(bin);
    for (const [command, body] of Object.entries(standIns)) {
      writeFileSync(join(bin, command), `#!/bin/sh\n${body}\n`);
      chmodSync(join(bin, command), 0o755);
    }
    const taken = new Set(['chromium', ...Object.keys(standIns)]);
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
      let entries: string[];
      try {
        entries = readdirSync(dir);
      } catch {
        continue;
      }
      for (const entry of entries.filter((candidate) => !taken.has(candidate))) {
        symlinkSync(join(dir, entry), join(bin, entry));
        taken.add(entry);
      }
    }
    return bin;
  }

  function setup(path: string, env: Record<string, string> = {}) {
    const { CHROMIUM_PATH: _ignored, ...inherited } = process.env;
    const run = spawnSync('bash', [script], {
      env: { ...inherited, PATH: path, TMPDIR: folder, ...env },
      encoding: 'utf8',
      timeout: 100_000,
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr.trim().split('\n').filter(Boolean) };
  }

  const aptWithoutChromium = [
    'case "$1" in update) exit 0 ;; esac',
    'echo "E: Unable to locate package chromium" >&2',
    'exit 100',
  ].join('\n');

  it('stops with one line when CHROMIUM_PATH names no executable', () => {
    const empty = join(folder, 'empty');
    mkdirSync(empty);
    const result = setup(sandboxPath('bin-empty', { 'apt-get': aptWithoutChromium }), { CHROMIUM_PATH: empty });
    expect(result.status).to.equal(1);
    expect(result.stderr).to.deep.equal([
      `test setup: Chromium (CHROMIUM_PATH=${empty} is not an executable file) is missing; ` +
        'install it with: apt-get install -y chromium, then unset CHROMIUM_PATH',
    ]);
    expect(result.stdout).to.equal('');
  });

  it('stops with one line when the chromium package cannot be installed', () => {
    const result = setup(sandboxPath('bin-no-package', { 'apt-get': aptWithoutChromium }));
    expect(result.status).to.equal(1);
    expect(result.stderr).to.have.length(1);
    expect(result.stderr[0]).to.match(
      /^test setup: chromium is missing; install it with: apt-get install -y chromium \(it failed here: see .+\)$/,
    );
    // It stopped at once: nothing after Chromium was started or installed.
    expect(result.stdout.trim()).to.match(/^test setup: installing chromium \(log: .+\)$/);
  });

  it('names the sudo command when it is not root', () => {
    const result = setup(sandboxPath('bin-not-root', { 'apt-get': 'exit 1', id: 'echo 1000' }));
    expect(result.status).to.equal(1);
    expect(result.stderr).to.deep.equal([
      'test setup: chromium is missing; install it with: sudo apt-get install -y chromium',
    ]);
    expect(result.stdout).to.equal('');
  });

  it('installs chromium when the package is there, and goes on', () => {
    const bin = join(folder, 'bin-installs');
    // The stand-in "installs" chromium the way the package would: onto PATH.
    const installs = [
      'case "$1" in update) exit 0 ;; esac',
      `printf '#!/bin/sh\\necho Chromium 0\\n' > ${bin}/chromium && chmod +x ${bin}/chromium`,
    ].join('\n');
    const result = setup(sandboxPath('bin-installs', { 'apt-get': installs }));
    expect(result.stderr).to.deep.equal([]);
    expect(result.status).to.equal(0);
    expect(result.stdout).to.contain('test setup: installing chromium');
    expect(result.stdout).to.match(new RegExp(`test setup: ready \\(Node v24\\.\\d+\\.\\d+, ${bin}/chromium, `));
  });
});
