// The packed SDK as a registry would serve it: publint checks the package.json fields against
// the files in the tarball, and "Are the types wrong?" resolves the types for node10, node16
// (ESM and CommonJS) and bundlers. A deliberately broken copy proves both checks can fail.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

async function run(command: string, args: string[], cwd = root): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, { cwd, encoding: 'utf8', timeout: 120_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code?: number; stdout?: string; stderr?: string };
    return { code: code ?? 1, output: `${stdout ?? ''}${stderr ?? ''}` };
  }
}

async function pack(packageFolder: string, destination: string, ...options: string[]): Promise<string> {
  const packed = await run('npm', ['pack', '--silent', '--pack-destination', destination, ...options], packageFolder);
  expect(packed.code, packed.output).to.equal(0);
  return join(
    destination,
    readdirSync(destination).find((name) => name.endsWith('.tgz'))!,
  );
}

describe('SDK package quality (publint, attw)', function () {
  this.timeout(180_000);
  let folder: string;

  before(async () => {
    const built = await run('npm', ['run', '-s', 'sdk:build']);
    expect(built.code, built.output).to.equal(0);
    folder = mkdtempSync(join(tmpdir(), 'groups-sdk-quality-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('publint and attw find no problem in the packed tarball', async () => {
    const tarball = await pack(join(root, 'sdk'), mkdtempSync(join(folder, 'good-')));
    const publint = await run(bin('publint'), ['--strict', tarball]);
    expect(publint.code, publint.output).to.equal(0);
    expect(publint.output).to.include('All good!');
    const attw = await run(bin('attw'), ['--format', 'json', tarball]);
    expect(attw.code, attw.output).to.equal(0);
    const report = JSON.parse(attw.output) as { analysis: { problems: Record<string, unknown[]> } };
    expect(Object.values(report.analysis.problems).flat()).to.deep.equal([]);
  });

  it('both fail on a copy whose CommonJS types point at a file the tarball lacks', async () => {
    const broken = join(folder, 'broken-sdk');
    cpSync(join(root, 'sdk'), broken, { recursive: true, filter: (path) => !path.includes('node_modules') });
    const manifest = JSON.parse(readFileSync(join(broken, 'package.json'), 'utf8')) as {
      exports: { '.': { require: { types: string } } };
    };
    manifest.exports['.'].require.types = './dist/cjs/missing.d.cts';
    writeFileSync(join(broken, 'package.json'), JSON.stringify(manifest, null, 2));
    // The copy carries the dist/ built above; outside the repository its build has no esbuild.
    const tarball = await pack(broken, mkdtempSync(join(folder, 'broken-')), '--ignore-scripts');
    expect((await run(bin('publint'), ['--strict', tarball])).code).to.not.equal(0);
    expect((await run(bin('attw'), ['--format', 'json', tarball])).code).to.not.equal(0);
  });
});
