// ESLint (flat config): typescript-eslint's type-checked recommended rules over the TypeScript
// sources, ESLint's recommended rules over the plain JavaScript files. Formatting is Prettier's.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
);
