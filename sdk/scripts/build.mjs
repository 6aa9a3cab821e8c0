// Builds dist/esm (ES modules + .d.ts) and dist/cjs (CommonJS as .cjs + .d.cts) with tsc.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const sdk = new URL('..', import.meta.url).pathname;
const tsc = join(sdk, '..', 'node_modules', '.bin', 'tsc');
rmSync(join(sdk, 'dist'), { recursive: true, force: true });

execFileSync(tsc, ['-p', join(sdk, 'tsconfig.json')], { stdio: 'inherit' });
execFileSync(tsc, ['-p', join(sdk, 'tsconfig.cjs.json')], { stdio: 'inherit' });

// CommonJS files need .cjs names in a "type": "module" package, and their relative
// imports must name those files.
const built = join(sdk, 'dist', 'cjs-build');
const target = join(sdk, 'dist', 'cjs');
function convert(folder, relative = '') {
  mkdirSync(join(target, relative), { recursive: true });
  for (const entry of readdirSync(join(folder, relative), { withFileTypes: true })) {
    const from = join(folder, relative, entry.name);
    if (entry.isDirectory()) {
      convert(folder, join(relative, entry.name));
      continue;
    }
    const rewritten = readFileSync(from, 'utf8').replace(
      /((?:require\(|from )["'])(\.{1,2}\/[^"']+)\.js(["'])/g,
      '$1$2.cjs$3',
    );
    const name = entry.name.replace(/\.d\.ts$/, '.d.cts').replace(/\.js$/, '.cjs');
    writeFileSync(join(target, relative, name), rewritten);
  }
}
convert(built);
rmSync(built, { recursive: true, force: true });
console.log('built sdk/dist/esm and sdk/dist/cjs');
