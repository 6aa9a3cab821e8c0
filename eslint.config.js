// ESLint (flat config): typescript-eslint's type-checked recommended rules over the TypeScript
// sources, ESLint's recommended rules over the plain JavaScript files. Formatting is Prettier's.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The layers of src/, top first: a file imports from its own layer and the layers below it,
// never from one above (farm-studio draws the same floors). Rooms in one layer do not depend
// on each other's order: the workers beside the HTTP layer, the base every layer may use.
const layers = [
  { name: 'command line', rooms: ['cli'] },
  { name: 'server', rooms: ['server.ts'] },
  { name: 'app', rooms: ['app.ts'] },
  { name: 'HTTP', rooms: ['http'] },
  { name: 'workers', rooms: ['webhooks', 'jobs', 'sandbox'] },
  { name: 'auth', rooms: ['auth'] },
  { name: 'domain', rooms: ['domain'] },
  { name: 'observability', rooms: ['observability'] },
  { name: 'data', rooms: ['data'] },
  { name: 'wire', rooms: ['wire'] },
  {
    name: 'base',
    rooms: ['lib', 'generated', 'config.ts', 'errors.ts', 'logger.ts', 'spec.ts', 'quick-start-secrets.ts'],
  },
];

// Beyond the order: only the HTTP layer and what assembles it speak Express, and openapi.yaml's
// generated types reach below HTTP only through src/wire (events, built in their wire type
// where they happen) and src/errors.ts (the problem+json body every layer's errors become).
const expressSpeakers = ['cli', 'server', 'app', 'HTTP'];
const generatedReaders = ['cli', 'server', 'app', 'HTTP', 'wire', 'base'];

const relativeImportOf = (room) =>
  room.endsWith('.ts') ? `^\\.\\.?/(.*/)?${room.replace(/\.ts$/, '')}\\.js$` : `^\\.\\.?/(.*/)?${room}/`;
const filesOf = (room) => (room.endsWith('.ts') ? [`src/${room}`] : [`src/${room}/**/*.ts`]);

const layerRules = layers.map((layer, index) => {
  const above = layers.slice(0, index);
  const patterns = above.flatMap((higher) =>
    higher.rooms.map((room) => ({
      regex: relativeImportOf(room),
      message: `the ${layer.name} layer must not import from src/${room} (the ${higher.name} layer above it; layers in eslint.config.js).`,
    })),
  );
  if (!expressSpeakers.includes(layer.name))
    patterns.push({
      regex: '^express(/|$)',
      message: `only the HTTP layer speaks Express, not the ${layer.name} layer.`,
    });
  if (!generatedReaders.includes(layer.name))
    patterns.push({
      regex: relativeImportOf('generated'),
      message: `the ${layer.name} layer takes openapi.yaml's types from src/wire, not from src/generated.`,
    });
  return {
    name: `layers/${layer.name}`,
    files: layer.rooms.flatMap(filesOf),
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      'data/',
      'test-output/',
      'scratch/',
      'src/generated/',
      'sdk/src/generated/',
      // Fixtures type-checked and run by test/package/consumer.test.ts against the packed SDK.
      'test/package/consumer/',
      // Type-checked under --strict and run by test/docs/webhook-receiver-example.test.ts against the packed SDK.
      'examples/webhook-receiver/',
      // StrykerJS's sandbox while a mutation run is under way (mutants, @ts-nocheck).
      'stryker-tmp/',
      'reports/',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Express knows an error handler by its four parameters; `{ dropped, ...rest }` drops a key.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // supertest response bodies and JSON.parse are `any`; the tests check them with chai at run time.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Stubs implement async interfaces (handlers, retried operations) without awaiting anything.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    // Pages that run in a browser.
    files: ['examples/browser/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  ...layerRules,
);
