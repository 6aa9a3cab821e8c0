// The SDK as a partner installs it: built, packed with `npm pack`, and installed from the
// tarball into a fresh project outside the repository; and the compiler options a strict
// partner project type-checks it with. Shared by the SDK consumer test and the docs examples test.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand } from './run-command.js';

export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
export const tsc = join(repositoryRoot, 'node_modules', '.bin', 'tsc');

export const strictTscArgs = [
  '--strict',
  '--noEmit',
  '--skipLibCheck',
  '--module',
  'nodenext',
  '--moduleResolution',
  'nodenext',
  '--target',
  'es2022',
  '--lib',
  'es2022,dom,dom.iterable',
];

/** A new project in a temporary folder with the packed SDK installed; the caller removes it. */
export async function installPackedSdk(prefix: string): Promise<{ project: string; tarball: string }> {
  const project = mkdtempSync(join(tmpdir(), prefix));
  // As on a fresh clone: no build there, and `npm pack` builds it (the SDK's prepack).
  rmSync(join(repositoryRoot, 'sdk', 'dist'), { recursive: true, force: true });
  await runCommand('npm', ['run', '-s', 'sdk:pack', '--', '--pack-destination', project], repositoryRoot);
  const tarball = readdirSync(project).find((name) => name.endsWith('.tgz'))!;
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'partner-app', version: '1.0.0', private: true }),
  );
  await runCommand('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', `./${tarball}`], project);
  return { project, tarball };
}
