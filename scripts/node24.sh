#!/usr/bin/env bash
# Runs one command with the suite's machine set-up (scripts/test-setup.sh: Node 24 first on
# PATH, the native module built for it, MariaDB and Redis answering), in a shell of its own so
# that the set-up's `set -e` and exits never reach yours: scripts/node24.sh npm run test:suite
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-setup.sh
bash scripts/native-modules.sh
exec "$@"
