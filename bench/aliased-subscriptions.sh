#!/usr/bin/env bash
# Runs bench/aliased_subscriptions.mjs against a fresh server built from this tree (and, given a second server dll,
# against that one too, e.g. a copy of main's build, for a before/after in the same run).
# usage: bench/aliased-subscriptions.sh [baseline server dll]   (needs `npm ci` in tests/interop)
#        SOCKETS=1 PER_SOCKET=100 ALIASES=30 bench/aliased-subscriptions.sh …   (100 selections x 30 aliased configs)
set -euo pipefail
# Benchmarks measure what a request costs, not the rate limiter's refusals (bench/ratelimit.sh measures the limiter).
export RateLimits__Enabled=${RateLimits__Enabled:-false}
cd "$(dirname "$0")/.."
dotnet build -v q src/Server >/dev/null
run() { # $1 = label, $2 = server dll
  local data port=9360; data=$(mktemp -d)
  Storage__ConnectionString="Data Source=$data/coco.db" Logging__LogLevel__Default=Warning dotnet "$2" --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
  echo "$1: $(node bench/aliased_subscriptions.mjs "$pid" "http://127.0.0.1:$port" "${SOCKETS:-5}" "${PER_SOCKET:-200}" "${ALIASES:-1}")"
  kill "$pid"; wait "$pid" 2>/dev/null || true; rm -rf "$data"
}
[ $# -ge 1 ] && run baseline "$1"
run this-tree src/Server/bin/Debug/net10.0/Coco.Connectors.GraphQL.Server.dll
