// Builds the hosted docs page (dist/docs/index.html) when openapi.yaml or redocly.yaml changed
// since the last build, and says nothing when it did not: `npm start` runs it every time, and
// a quick start prints the banner and the log lines an operator needs, not Redocly's. The
// build's own output is shown only when it fails.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const page = new URL('dist/docs/index.html', root);
const stamp = new URL('dist/docs/.spec-hash', root);
const hash = createHash('sha256');
for (const file of ['openapi.yaml', 'redocly.yaml', 'package-lock.json'])
  if (existsSync(new URL(file, root))) hash.update(readFileSync(new URL(file, root)));
const digest = hash.digest('hex');

if (existsSync(page) && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) process.exit(0);
const built = spawnSync('npm', ['run', '-s', 'docs'], { cwd: root, encoding: 'utf8' });
if (built.status !== 0) {
  process.stderr.write(built.stdout + built.stderr);
  process.exit(built.status ?? 1);
}
writeFileSync(stamp, digest);
