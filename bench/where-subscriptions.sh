#!/usr/bin/env bash
# Memory per onConnectorChanged(where:) subscription at N connectors: bench/where_subscriptions.mjs against a fresh
# server per scenario over a copy of bench/data/coco-N.db (seeded by bench/SeedTool, ~80 % enabled), for a baseline
# server build and this tree's, alternated so both see the same machine load.
# usage: bench/where-subscriptions.sh <baseline server dll> [sizes=100000,1000000] [subs=20] [modes=identical,distinct]
#        (needs `npm ci` in tests/interop; a baseline dll: `git archive <commit> | tar -x -C <dir>` and a Release build)
set -euo pipefail
# Benchmarks measure what a request costs, not the rate limiter's refusals (bench/ratelimit.sh measures the limiter).
export RateLimits__Enabled=${RateLimits__Enabled:-false}
cd "$(dirname "$0")/.."
BASELINE=${1:?baseline server dll}
dotnet build -c Release -v q src/Server >/dev/null
dotnet build -c Release -v q bench/SeedTool >/dev/null
SEED_DLL=bench/SeedTool/bin/Release/net10.0/Coco.Connectors.Bench.SeedTool.dll
THIS=src/Server/bin/Release/net10.0/Coco.Connectors.GraphQL.Server.dll
mkdir -p bench/data
run() { # $1 = label, $2 = server dll, $3 = size, $4 = mode
  local data port=9370; data=$(mktemp -d)
  cp "bench/data/coco-$3.db" "$data/coco.db"
  Storage__ConnectionString="Data Source=$data/coco.db" Logging__LogLevel__Default=Warning dotnet "$2" --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
  sleep 2
  echo "$1 n=$3 $(node bench/where_subscriptions.mjs "$pid" "http://127.0.0.1:$port" "$5" "$4") load=$(cut -d' ' -f1 /proc/loadavg)"
  kill "$pid"; wait "$pid" 2>/dev/null || true; rm -rf "$data"
}
IFS=, read -ra SIZES <<< "${2:-100000,1000000}"
IFS=, read -ra MODES <<< "${4:-identical,distinct}"
for n in "${SIZES[@]}"; do
  [ -f "bench/data/coco-$n.db" ] || dotnet "$SEED_DLL" seed "bench/data/coco-$n.db" "$n"
  for mode in "${MODES[@]}"; do
    run baseline "$BASELINE" "$n" "$mode" "${3:-20}"
    run this-tree "$THIS" "$n" "$mode" "${3:-20}"
  done
done
