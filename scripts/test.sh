#!/usr/bin/env bash
# The one test command (`npm test`, which .ci/run runs too): sets the machine up
# (scripts/test-setup.sh), then on Node 24 runs the spec lint, format check, ESLint, codegen
# and docs/operations.md configuration table drift checks, type check and the suite on MySQL and SQLite (test/run-suites.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-setup.sh
bash scripts/native-modules.sh
npm run -s lint:spec
npm run -s format:check
npm run -s lint
npm run -s contract:check
npm run -s codegen:check
npm run -s docs:config:check
npm run -s typecheck
npm run -s test:suite
