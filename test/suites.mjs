// The suite's parts, by what a test needs. One place: test/run-suites.mjs runs them, and a
// file's folder says which part it belongs to.
//   unit      test/unit/: pure modules. No database, no server, no hook; run once. Also the
//             pure checks of files elsewhere that their folder would put in another part.
//   once      what ships and how it starts: the SDK package, the docs and their examples, the
//             build, the machine's set-up, the benchmark scripts, `npm start`. They make their
//             own services (or use the test database only to serve): run once, on MySQL.
//   database  everything else: the app over real HTTP in process against the migrated test
//             database (test/support/hooks.ts), on MySQL and again on SQLite.
const unitFolders = ['test/unit/'];
// Pure file reading, though test/docs/ is in the part that runs once with MySQL.
const unitFiles = ['test/docs/doc-references.test.ts'];
const onceFolders = ['test/build/', 'test/bench/', 'test/docs/', 'test/package/', 'test/start/'];
const base = ['--no-config', '--node-option', 'import=tsx', '--timeout', '20000', '--slow', '500'];
const withDatabase = [...base, '--require', 'test/support/hooks.ts'];
const globs = (folders) => folders.map((folder) => `${folder}**/*.test.ts`);
const inside = (folders) => (file) => folders.some((folder) => file.replace(/^\.\//, '').startsWith(folder));
const ignoring = (patterns) => patterns.flatMap((pattern) => ['--ignore', pattern]);

/**
 * The parts to run, in order, each with its title, mocha arguments, dialect (TEST_DB) and
 * whether it has the database hook. `files`, when given, narrows every part to those of them
 * it holds; parts that hold none are left out.
 */
export function partsToRun(dialects, files = []) {
  const narrowed = (belongs, all) => (files.length === 0 ? all : files.filter(belongs));
  const isUnit = (file) => inside(unitFolders)(file) || unitFiles.includes(file.replace(/^\.\//, ''));
  const isOnce = (file) => inside(onceFolders)(file) && !isUnit(file);
  const parts = [
    {
      title: 'unit: pure modules, no database',
      args: base,
      dialect: undefined,
      database: false,
      spec: narrowed(isUnit, [...globs(unitFolders), ...unitFiles]),
    },
    {
      title: 'once: package, docs, build, set-up, start (MySQL)',
      args: [...withDatabase, ...ignoring(unitFiles)],
      dialect: 'mysql',
      database: true,
      spec: narrowed(isOnce, globs(onceFolders)),
    },
    ...dialects.map((dialect) => ({
      title: `database suites on ${dialect}`,
      args: [...withDatabase, ...ignoring([...globs(unitFolders), ...globs(onceFolders)])],
      dialect,
      database: true,
      spec: narrowed((file) => !isUnit(file) && !isOnce(file), ['test/**/*.test.ts']),
    })),
  ];
  return parts
    .filter((part) => part.spec.length > 0)
    .map(({ args, spec, ...part }) => ({ ...part, mochaArgs: [...args, ...spec.flatMap((file) => ['--spec', file])] }));
}
