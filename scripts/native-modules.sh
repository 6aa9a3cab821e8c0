#!/usr/bin/env bash
# better-sqlite3 is built for one Node.js ABI. `npm start` runs on the machine's Node and
# `npm test` on Node 24 (scripts/test-setup.sh), so whichever runs after the other rebuilds
# it for itself, once (npm_config_nodedir names the headers when they are not the machine's).
set -euo pipefail
cd "$(dirname "$0")/.."
node -e "new (require('better-sqlite3'))(':memory:').close()" 2>/dev/null && exit 0
echo "Rebuilding better-sqlite3 for Node $(node --version); this takes a minute or two."
npm rebuild better-sqlite3 >/dev/null
