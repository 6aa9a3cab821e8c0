#!/usr/bin/env bash
# Releases the SDK, the steps in one place (sdk/README.md, Releasing): applies the pending
# changesets (.changeset/*.md: sdk/package.json's version and sdk/CHANGELOG.md), brings the
# lockfile's record of the workspace along, and publishes @groups-api/sdk, which `prepack`
# builds. `--dry-run` does all of it but the upload (npm publish --dry-run). Commit the version
# and changelog it wrote, and tag `sdk-v<version>`.
set -euo pipefail
cd "$(dirname "$0")/.."

# --loglevel notice: the list of files published shows even under `npm run -s` (which passes
# a silent log level on to every npm it starts).
publish=(npm publish --workspace @groups-api/sdk --access public --loglevel notice)
case "${1:-}" in
  --dry-run) publish+=(--dry-run) ;;
  "") ;;
  *) echo "usage: npm run sdk:release [-- --dry-run]" >&2; exit 2 ;;
esac

pending=$(find .changeset -name '*.md' ! -name README.md | wc -l)
if [ "$pending" -eq 0 ]; then
  echo "sdk release: no pending changesets in .changeset/; nothing to release" >&2
  exit 1
fi
npx changeset version
npm install --package-lock-only --ignore-scripts --no-audit --no-fund >/dev/null
version=$(node -p "require('./sdk/package.json').version")
"${publish[@]}"
echo "sdk release: @groups-api/sdk@${version}${1:+ (dry run)}"
