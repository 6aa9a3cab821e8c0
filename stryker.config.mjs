// Mutation testing of the rule-bearing code (src/domain, src/http, and the src/lib, src/wire
// and metrics they rely on) with the mocha suite on SQLite. `npm run test:mutation` runs it
// and then checks the per-file threshold (scripts/mutation-thresholds.mjs). Needs Node 22.18 or later. Stryker is installed on its
// own in mutation/ (its Babel 8 asks for Node 22, and the quick start runs on 20); its test
// runner and checker use this repository's mocha and TypeScript.
// Incremental: a run re-tests only the mutants of changed code and of changed tests. The
// results live in a cache outside the checkout (scripts/mutation-cache.mjs), seeded from the
// committed baseline, so that no change has to rewrite them in git.
import { createRequire } from 'node:module';
import { incrementalFile } from './scripts/mutation-cache.mjs';
import { fileURLToPath } from 'node:url';

const mocha12Shim = fileURLToPath(new URL('./scripts/stryker-mocha12.cjs', import.meta.url));
createRequire(import.meta.url)(mocha12Shim);

// The test runner processes inherit this environment: the suite on SQLite (embedded, no
// server to share with `npm test`), with test-mode validation of responses.
process.env.TEST_DB = 'sqlite';
process.env.NODE_ENV = 'test';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'mocha',
  testRunnerNodeArgs: ['--require', mocha12Shim, '--import', 'tsx'],
  checkerNodeArgs: ['--require', mocha12Shim],
  mochaOptions: {
    'no-config': true,
    'no-package': true,
    spec: ['test/**/*.test.ts'],
    // The browser (docs page), SDK packing and machine set-up tests exercise no mutated code.
    ignore: [
      'test/docs/**',
      'test/package/consumer.test.ts',
      'test/package/consumer/**',
      'test/package/package-quality.test.ts',
      // Releases the SDK (not mutated) from a copy of the repository, which the sandbox is not.
      'test/package/release.test.ts',
      // Compiles sdk/ (not mutated) with tsc; in the sandbox its sources carry @ts-nocheck.
      'test/package/types.test.ts',
      'test/build/test-setup.test.ts',
    ],
    require: ['test/support/hooks.ts'],
  },
  mutate: [
    'src/domain/**/*.ts',
    'src/http/**/*.ts',
    '!src/http/express-augmentation.ts',
    'src/lib/**/*.ts',
    'src/wire/**/*.ts',
    'src/observability/metrics.ts',
  ],
  // What a mutant of an error message's wording would test is the wording, not a rule.
  plugins: ['@stryker-mutator/*', './mutation/error-messages.mjs'],
  ignorers: ['error-messages'],
  coverageAnalysis: 'perTest',
  // A static mutant (module-level code: constants, tables, the bearer regex) would need a
  // fresh process and the whole suite each, about a minute apiece here; they are reported
  // as ignored, and the tests that pin them (e.g. the Authorization grammar) stay.
  ignoreStatic: true,
  // Mutants that do not type-check are not run: they could never be written.
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  incremental: true,
  incrementalFile: incrementalFile(),
  thresholds: { high: 95, low: 90, break: 90 },
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  // The machine's two cores (CI runs this step alone); `--concurrency 1` beside other work.
  concurrency: 2,
  timeoutMS: 10_000,
  // Not a dot-directory: express's sendFile (the /openapi.yaml route) refuses dotted paths.
  tempDirName: 'stryker-tmp',
  cleanTempDir: 'always',
};
