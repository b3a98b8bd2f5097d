#!/usr/bin/env bash
# Subscription fan-out benchmark: N WebSocket subscribers, one write, time until all have the event; single-subscriber
# write → event latency; live heap per idle subscription (needs dotnet-gcdump, installed below if missing).
# usage: bench/fanout.sh [COUNTS=1000,5000,10000] [LATENCY_SAMPLES=1000]
# env:   FANOUT_ROUNDS=5 writes per size (medians reported); FANOUT_MEMORY=0 skips the memory measurements.
# env:   PROVIDER=postgres runs the servers on a fresh database (coco_fanout) of the bench cluster (bench/pg_cluster.sh)
#        and adds the cross-instance rows: write on A → event on B, and subscribers spread over A and B.
#        FANOUT_PG=<Npgsql connection string> does the same on a database of your own.
#        SERVER_DLL=<path> measures another build of the server (e.g. a baseline built from an older commit).
set -euo pipefail
# Benchmarks measure what a request costs, not the rate limiter's refusals (bench/ratelimit.sh measures the limiter).
export RateLimits__Enabled=${RateLimits__Enabled:-false}
cd "$(dirname "$0")/.."
ROOT=$PWD
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
export PATH="$PATH:$HOME/.dotnet/tools"
command -v dotnet-gcdump >/dev/null || dotnet tool install -g dotnet-gcdump --version 10.0.750501 >/dev/null
if [ "${PROVIDER:-sqlite}" = postgres ] && [ -z "${FANOUT_PG:-}" ]; then
  source bench/pg_cluster.sh
  start_pg
  trap stop_pg EXIT
  pg_sql "DROP DATABASE IF EXISTS coco_fanout"; pg_sql "CREATE DATABASE coco_fanout"
  export FANOUT_PG; FANOUT_PG=$(pg_connection coco_fanout)
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build -c Release -v q src/Server >/dev/null
dotnet build -c Release -v q bench/FanOut >/dev/null
# The client's receives continue on the socket engine's thread (cheap per message); the servers it starts do not inherit this.
DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 dotnet bench/FanOut/bin/Release/net10.0/FanOut.dll "${SERVER_DLL:-$PWD/src/Server/bin/Release/net10.0/Coco.Connectors.GraphQL.Server.dll}" \
  "${1:-1000,5000,10000}" "${2:-1000}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
