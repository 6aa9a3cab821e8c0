// @stryker-mutator/mocha-runner 10.0.0 requires mocha's CLI internals without an extension,
// and mocha 12 names them `.cjs` (fixed upstream by stryker-js pull request 6205, not yet
// released). This lets an extensionless require() find a `.cjs` file and load it as
// CommonJS. Loaded by stryker.config.mjs and by every Stryker test runner process; delete
// it once a released mocha-runner loads mocha 12 by itself.
const Module = require('node:module');
Module._extensions['.cjs'] ??= Module._extensions['.js'];
