#!/usr/bin/env bash
# Makes the production artifact in <out-dir>: the compiled server, migrations and docs page
# (dist/), the spec it serves (openapi.yaml) and the manifest and lock file that
# `npm ci --omit=dev --omit=optional` installs from (the optional dependency is better-sqlite3,
# the quick start's embedded database: production runs on DATABASE_URL). The sdk/ workspace is not part of it (npm ci skips a
# workspace whose folder is absent), nor are TypeScript sources or development tools.
set -euo pipefail
out="${1:?usage: scripts/make-artifact.sh <out-dir>}"
cd "$(dirname "$0")/.."
npm run -s build
mkdir -p "$out"
cp -R package.json package-lock.json openapi.yaml dist "$out"/
