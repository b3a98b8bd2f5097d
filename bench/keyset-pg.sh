#!/usr/bin/env bash
# Keyset paging on PostgreSQL (issue 10): page KEYSET_PAGE (default 1000) vs page 1, and free-text searches, on two
# servers over the same seeded database: Npgsql as configured by default (no statement preparation) and with
# automatic preparation (PREPARED_OPTIONS, default "Max Auto Prepare=32;Auto Prepare Min Usages=2"), loaded in
# interleaved rounds; per row: wrk p50 and server CPU per request. The searches run with the count cache off, so a
# generic plan that cannot use the trigram index for LIKE would show.
# usage: bench/keyset-pg.sh [SIZE]      (default 1000000; seeded once into the bench cluster, bench/pg_cluster.sh)
# env:   KEYSET_PAGE=1000 ROUNDS=3 DURATION=5 CONNECTIONS=8 THREADS=2 PORT=9430 PG_PORT=31440
set -euo pipefail
export RateLimits__Enabled=${RateLimits__Enabled:-false}
cd "$(dirname "$0")/.."
ROOT=$PWD
N=${1:-1000000} KEYSET_PAGE=${KEYSET_PAGE:-1000} ROUNDS=${ROUNDS:-3} DURATION=${DURATION:-5}
CONNECTIONS=${CONNECTIONS:-8} THREADS=${THREADS:-2} PORT=${PORT:-9430}
PREPARED_OPTIONS=${PREPARED_OPTIONS:-Max Auto Prepare=32;Auto Prepare Min Usages=2}
OUT="$ROOT/bench/results/keyset-pg-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
source bench/pg_cluster.sh
dotnet build -c Release -v q src/Server >/dev/null
dotnet build -c Release -v q bench/SeedTool >/dev/null
SERVER_DLL=src/Server/bin/Release/net10.0/Coco.Connectors.GraphQL.Server.dll
start_pg
DB=$(pg_seeded "$N" bench/SeedTool/bin/Release/net10.0/Coco.Connectors.Bench.SeedTool.dll)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; stop_pg' EXIT
declare -A port=([plain]=$PORT [prepared]=$((PORT + 1)))
for v in plain prepared; do
  connection=$(pg_connection "$DB"); [ "$v" = prepared ] && connection="$connection;$PREPARED_OPTIONS"
  Storage__Provider=postgres Storage__CountCacheEntries=0 Storage__ConnectionString="$connection" Logging__LogLevel__Default=Warning \
    dotnet "$SERVER_DLL" --urls "http://127.0.0.1:${port[$v]}" > "$OUT/server-$v.log" 2>&1 &
  pids+=($!); eval "pid_$v=$!"
done
for v in plain prepared; do until curl -fs "http://127.0.0.1:${port[$v]}/healthz" >/dev/null 2>&1; do sleep 0.5; done; done

body() { jq -n --arg q "$1" '{query: $q}'; }
walk() { # $1 = after cursor or empty → the walk query
  local after=""; [ -n "$1" ] && after=", after: \"$1\""
  echo "{ connectors(first: 20$after, order: [{name: ASC}]) { nodes { id name category } pageInfo { endCursor } } }"
}
cursor=""
for _ in $(seq 1 $((KEYSET_PAGE - 1))); do
  cursor=$(body "$(walk "$cursor")" | curl -s -H 'Content-Type: application/json' --data @- "http://127.0.0.1:$PORT/graphql" | jq -r '.data.connectors.pageInfo.endCursor')
done
body "$(walk "")" > "$OUT/page1.json"; body "$(walk "$cursor")" > "$OUT/page$KEYSET_PAGE.json"
body '{ connectors(first: 20, query: "00999") { totalCount nodes { id } } }' > "$OUT/selective.json"
body '{ connectors(first: 20, query: "git", where: {enabled: {eq: true}}, order: [{name: ASC}]) { totalCount nodes { id name category } } }' > "$OUT/broad.json"
rows=(page1 "page$KEYSET_PAGE" selective broad)

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
: > "$OUT/summary.txt"
for round in $(seq 0 "$ROUNDS"); do # round 0 warms both servers (JIT, prepared statements) and is not counted
  for row in "${rows[@]}"; do
    for v in plain prepared; do
      pid_var="pid_$v"; before=$(ticks "${!pid_var}")
      BODY_FILE="$OUT/$row.json" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/post.lua "http://127.0.0.1:${port[$v]}/graphql" > "$OUT/wrk.txt"
      cpu=$(( $(ticks "${!pid_var}") - before ))
      [ "$round" = 0 ] || python3 - "$OUT/wrk.txt" "$row" "$v" "$cpu" "$(getconf CLK_TCK)" >> "$OUT/summary.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
n, u = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s)", text, re.M).groups()
p50 = float(n) * {"us": 0.001, "ms": 1, "s": 1000}[u]
requests = int(re.search(r"(\d+) requests in", text).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(sys.argv[2], sys.argv[3], f"{p50:.2f}", f"{1000 * int(sys.argv[4]) / int(sys.argv[5]) / max(requests, 1):.3f}", bad.group(1) if bad else 0)
PY
    done
  done
done
python3 - "$OUT/summary.txt" "$KEYSET_PAGE" "$N" <<'PY' | tee "$OUT/report.txt"
import sys, statistics as st
by = {}
for row, v, p50, cpu, bad in (l.split() for l in open(sys.argv[1])):
    by.setdefault((row, v), []).append((float(p50), float(cpu), int(bad)))
page = f"page{sys.argv[2]}"
print(f"--- {int(sys.argv[3]):,} connectors on PostgreSQL: median over rounds, p50 ms / server CPU ms per request (non-2xx)")
for row in ("page1", page, "selective", "broad"):
    print(f"{row:10}" + "".join(f"  {v}: {st.median(r[0] for r in by[(row, v)]):7.2f} / {st.median(r[1] for r in by[(row, v)]):6.3f} ({sum(r[2] for r in by[(row, v)])})" for v in ("plain", "prepared")))
for v in ("plain", "prepared"):
    ratios = [a[0] / b[0] for a, b in zip(by[(page, v)], by[("page1", v)])]
    print(f"{v}: {page} / page1 p50, median of per-round ratios {st.median(ratios):.2f} (target <= 1.5)")
for row in ("page1", page, "selective", "broad"):
    print(f"prepared / plain server CPU per request, {row}: {st.median(p[1] / q[1] for p, q in zip(by[(row, 'prepared')], by[(row, 'plain')])):.2f}")
PY
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); results in $OUT"
