// Builds dist/esm (ES modules + .d.ts) and dist/cjs (CommonJS as .cjs + .d.cts) with tsc, and
// dist/browser/groups-sdk.js: one ES module with openapi-fetch inlined, for a page that loads it
// with <script type="module"> and no bundler (esbuild).
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const sdk = new URL('..', import.meta.url).pathname;
const tsc = join(sdk, '..', 'node_modules', '.bin', 'tsc');
rmSync(join(sdk, 'dist'), { recursive: true, force: true });

execFileSync(tsc, ['-p', join(sdk, 'tsconfig.json')], { stdio: 'inherit' });
execFileSync(tsc, ['-p', join(sdk, 'tsconfig.cjs.json')], { stdio: 'inherit' });

// CommonJS files need .cjs names in a "type": "module" package, and their relative
// imports must name those files: `require(…)`, `from …`, and the `import("…")` types that a
// declaration of an inferred type may hold.
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
      /((?:require\(|import\(|from )["'])(\.{1,2}\/[^"']+)\.js(["'])/g,
      '$1$2.cjs$3',
    );
    const name = entry.name.replace(/\.d\.ts$/, '.d.cts').replace(/\.js$/, '.cjs');
    writeFileSync(join(target, relative, name), rewritten);
  }
}
convert(built);
rmSync(built, { recursive: true, force: true });
await build({
  entryPoints: [join(sdk, 'src', 'index.ts')],
  outfile: join(sdk, 'dist', 'browser', 'groups-sdk.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  legalComments: 'eof',
  logLevel: 'warning',
});
console.log('built sdk/dist/esm, sdk/dist/cjs and sdk/dist/browser');
