#!/usr/bin/env bash
# better-sqlite3 is built for one Node.js ABI. `npm start` runs on the machine's Node and
# `npm test` on Node 24 (scripts/test-setup.sh), so whichever runs after the other makes it fit
# the running Node: from a copy kept per version and ABI in GROUPS_API_TOOLS when there is one,
# else by rebuilding it (a minute or two; npm_config_nodedir names the headers when they are
# not the machine's) and keeping a copy.
set -euo pipefail
cd "$(dirname "$0")/.."
loads() { node -e "new (require('better-sqlite3'))(':memory:').close()" 2>/dev/null; }
[ -d node_modules/better-sqlite3 ] || exit 0 # an install without optional dependencies
addon=node_modules/better-sqlite3/build/Release/better_sqlite3.node
# Keyed by the exact Node version: builds against different headers of one ABI can differ.
key="$(node -p "require('better-sqlite3/package.json').version + '-node' + process.version + '-' + process.platform + '-' + process.arch")"
kept="${GROUPS_API_TOOLS:-$HOME/.cache/groups-api}/native/better-sqlite3-$key.node"

if ! loads; then
  if [ -f "$kept" ]; then
    mkdir -p "$(dirname "$addon")" && cp "$kept" "$addon"
  fi
  if ! loads; then
    echo "Rebuilding better-sqlite3 for Node $(node --version); this takes a minute or two."
    npm rebuild better-sqlite3 >/dev/null
    loads || {
      echo "better-sqlite3 does not load on Node $(node --version) after a rebuild" >&2
      exit 1
    }
  fi
fi
if [ ! -f "$kept" ]; then
  mkdir -p "$(dirname "$kept")"
  cp "$addon" "$kept.$$" && mv "$kept.$$" "$kept"
fi
