#!/usr/bin/env bash
# Repeatable benchmark: GraphQL connectors(...) vs REST _search for the same page, and keyset page 500 vs page 1.
# usage: bench/run.sh [SIZE ...]            (default sizes: 10000 100000)
# env:   PROVIDER=sqlite|postgres DURATION=10 THREADS=2 CONNECTIONS=16 ROUNDS=3 PORT=9310 PG_PORT=31440
#        TELEMETRY_AB=1 (default; SQLite only) then measures telemetry's cost with bench/telemetry.sh (its own env:
#        MIXES, VARIANTS; TELEMETRY_ROUNDS=100 its rounds). ONLY=telemetry runs only that (ROUNDS then is its rounds).
#        PROVIDER=postgres starts a PostgreSQL cluster of its own in bench/data/pg (initdb + pg_ctl, as the tests do;
#        as the postgres user when run as root) and keeps one seeded database per size in it.
set -euo pipefail
# Benchmarks measure what a request costs, not the rate limiter's refusals (bench/ratelimit.sh measures the limiter).
export RateLimits__Enabled=${RateLimits__Enabled:-false}
cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=("${@:-10000 100000}"); read -r -a SIZES <<< "${SIZES[*]}"
PROVIDER=${PROVIDER:-sqlite} PG_PORT=${PG_PORT:-31440}
DURATION=${DURATION:-10} THREADS=${THREADS:-2} CONNECTIONS=${CONNECTIONS:-16} ROUNDS=${ROUNDS:-3} PORT=${PORT:-9310}
if [ "${ONLY:-}" = telemetry ]; then exec bench/telemetry.sh "${SIZES[0]}"; fi
BASE="http://127.0.0.1:$PORT"
OUT="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT" "$ROOT/bench/data"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v jq >/dev/null || { echo "jq is missing: apt-get install -y jq" >&2; exit 1; }

echo "building (Release)…"
dotnet build -c Release -v q src/Server >/dev/null
dotnet build -c Release -v q bench/SeedTool >/dev/null
SERVER_DLL=src/Server/bin/Release/net10.0/Coco.Connectors.GraphQL.Server.dll
SEED_DLL=bench/SeedTool/bin/Release/net10.0/Coco.Connectors.Bench.SeedTool.dll

GQL_QUERY='{ connectors(first: 20, query: "git", where: {enabled: {eq: true}}, order: [{name: ASC}]) { totalCount nodes { id name category } } }'
REST_PATH='/connector/_search?query=git&filter=enabled:true&sort=name:asc&size=20'
walk_query() { # $1 = after cursor or empty
  local after=""; [ -n "$1" ] && after=", after: \\\"$1\\\""
  printf '{"query":"{ connectors(first: 20%s, order: [{name: ASC}]) { nodes { id name category } pageInfo { endCursor } } }"}' "$after"
}

server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=""
}

source bench/pg_cluster.sh
trap 'stop_server; [ "$PROVIDER" != postgres ] || stop_pg' EXIT
if [ "$PROVIDER" = postgres ]; then start_pg; fi

# The server's CPU time so far (user + system, clock ticks): per request it is far steadier than req/s on a shared VM.
server_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }

# wrk_run NAME URL SCRIPT [BODY_FILE] → appends "NAME rps p50 p90 p99 non2xx cpu_ms_per_request" to $OUT/summary-$N.txt
wrk_run() {
  local name=$1 url=$2 script=$3 body=${4:-}
  local log="$OUT/wrk-$N-$name-$round.txt"
  local ticks_before; ticks_before=$(server_ticks)
  BODY_FILE=$body wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$script" "$url" > "$log"
  echo "server_cpu_ticks $(( $(server_ticks) - ticks_before )) $(getconf CLK_TCK)" >> "$log"
  python3 - "$log" "$name" >> "$OUT/summary-$N.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(v):
    n, u = re.match(r"([\d.]+)(us|ms|s)", v).groups(); return float(n) * {"us": 0.001, "ms": 1, "s": 1000}[u]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
pct = {p: ms(v) for p, v in re.findall(r"^\s+(50|90|99)%\s+(\S+)", text, re.M)}
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text); bad = int(bad.group(1)) if bad else 0
requests = int(re.search(r"(\d+) requests in", text).group(1))
ticks, hz = map(int, re.search(r"server_cpu_ticks (\d+) (\d+)", text).groups())
print(f"{sys.argv[2]} {rps:.1f} {pct['50']:.2f} {pct['90']:.2f} {pct['99']:.2f} {bad} {1000 * ticks / hz / max(requests, 1):.3f}")
PY
  tail -1 "$OUT/summary-$N.txt"
}

for N in "${SIZES[@]}"; do
  if [ "$PROVIDER" = postgres ]; then
    DB=$(pg_seeded "$N" "$SEED_DLL"); CONNECTION=$(pg_connection "$DB")
  else
    DB="$ROOT/bench/data/coco-$N.db"; CONNECTION="Data Source=$DB"
    if [ ! -f "$DB" ]; then dotnet "$SEED_DLL" seed "$DB" "$N"; fi
  fi
  echo "== $N connectors on $PROVIDER ($DB)"
  Storage__Provider=$PROVIDER Storage__ConnectionString="$CONNECTION" Logging__LogLevel__Default=Warning \
    dotnet "$SERVER_DLL" --urls "$BASE" > "$OUT/server-$N.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.5; done

  jq -n --arg q "$GQL_QUERY" '{query: $q}' > "$OUT/graphql-body.json"
  gql_status=$(curl -s -o "$OUT/graphql-$N.json" -w '%{http_code}' -H 'Content-Type: application/json' -H 'Accept: application/json' --data @"$OUT/graphql-body.json" "$BASE/graphql" || true)
  rest_status=$(curl -s -o "$OUT/rest-$N.json" -w '%{http_code}' "$BASE$REST_PATH" || true)
  echo "GraphQL /graphql → $gql_status; REST _search → $rest_status"
  : > "$OUT/summary-$N.txt"

  [ "$gql_status" = 200 ] || echo "GraphQL over HTTP is not available here: skipping the GraphQL measurements" | tee -a "$OUT/notes-$N.txt"
  [ "$rest_status" = 200 ] || echo "REST _search is not available here: skipping the REST measurements" | tee -a "$OUT/notes-$N.txt"
  if [ "$gql_status" = 200 ] && [ "$rest_status" = 200 ]; then
    # Same page from both: identical ids in identical order, and the same total.
    gql_ids=$(jq -c '[.data.connectors.nodes[].id]' "$OUT/graphql-$N.json"); rest_ids=$(jq -c '[.hits.hits[]._id]' "$OUT/rest-$N.json")
    gql_total=$(jq '.data.connectors.totalCount' "$OUT/graphql-$N.json"); rest_total=$(jq '.hits.total.value' "$OUT/rest-$N.json")
    if [ "$gql_ids" != "$rest_ids" ] || [ "$gql_total" != "$rest_total" ]; then
      echo "MISMATCH: GraphQL $gql_total $gql_ids vs REST $rest_total $rest_ids" | tee -a "$OUT/summary-$N.txt"
    else
      echo "same page from both (total $gql_total)"
    fi
  fi

  for round in $(seq 1 "$ROUNDS"); do   # interleaved rounds: both endpoints see the same machine load
    if [ "$gql_status" = 200 ]; then wrk_run graphql "$BASE/graphql" bench/post.lua "$OUT/graphql-body.json"; fi
    if [ "$rest_status" = 200 ]; then wrk_run rest "$BASE$REST_PATH" bench/get.lua; fi
  done

  if [ "$gql_status" = 200 ]; then
    # Keyset walk: follow endCursor for 499 pages to reach the cursor that opens page 500.
    cursor=""
    for _ in $(seq 1 499); do
      walk_query "$cursor" > "$OUT/walk.json"
      cursor=$(curl -s -H 'Content-Type: application/json' --data @"$OUT/walk.json" "$BASE/graphql" | jq -r '.data.connectors.pageInfo.endCursor')
    done
    walk_query "" > "$OUT/page1-body.json"; walk_query "$cursor" > "$OUT/page500-body.json"
    for round in $(seq 1 "$ROUNDS"); do
      wrk_run page1 "$BASE/graphql" bench/post.lua "$OUT/page1-body.json"
      wrk_run page500 "$BASE/graphql" bench/post.lua "$OUT/page500-body.json"
    done
  fi
  stop_server

  if [ "${TELEMETRY_AB:-1}" = 1 ] && [ "$PROVIDER" = sqlite ]; then
    SKIP_BUILD=1 PORT=$((PORT + 10)) ROUNDS=${TELEMETRY_ROUNDS:-100} bench/telemetry.sh "$N" | tee "$OUT/telemetry-$N.txt"
  fi

  python3 - "$OUT/summary-$N.txt" "$N" <<'PY' | tee "$OUT/report-$N.txt"
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1]) if l.strip() and not l.startswith("MISMATCH")]
by = {}
for name, rps, p50, p90, p99, bad, *cpu in rows:
    by.setdefault(name, []).append((float(rps), float(p50), float(p90), float(p99), int(bad), float(cpu[0]) if cpu else float("nan")))
print(f"--- {sys.argv[2]} connectors: median over rounds (req/s, latency p50/p90/p99 ms, non-2xx, server CPU ms per request)")
for name, runs in by.items():
    print(f"{name:9} {st.median(r[0] for r in runs):9.1f}  {st.median(r[1] for r in runs):7.2f} {st.median(r[2] for r in runs):7.2f} {st.median(r[3] for r in runs):7.2f}  {sum(r[4] for r in runs)}  {st.median(r[5] for r in runs):7.3f}")
def paired(a, b, i):  # median over rounds of the ratio within each round: robust to load that drifts between rounds
    return st.median(x[i] / y[i] for x, y in zip(by[a], by[b]))
if "graphql" in by and "rest" in by:
    ratio = st.median(r[0] for r in by["graphql"]) / st.median(r[0] for r in by["rest"])
    print(f"GraphQL/REST throughput ratio {ratio:.2f} (target >= 0.8): {'OK' if ratio >= 0.8 else 'MISSED'}")
    print(f"  per-round throughput ratio, median {paired('graphql', 'rest', 0):.2f}; REST/GraphQL server CPU per request, median {paired('rest', 'graphql', 5):.2f}")
if "page1" in by and "page500" in by:
    ratio = st.median(r[1] for r in by["page500"]) / st.median(r[1] for r in by["page1"])
    print(f"page 500 / page 1 p50 latency {ratio:.2f} (target <= 1.5): {'OK' if ratio <= 1.5 else 'MISSED'}")
    print(f"  per-round p50 ratio, median {paired('page500', 'page1', 1):.2f}; server CPU per request page 500 / page 1, median {paired('page500', 'page1', 5):.2f}")
PY
done
echo "results in $OUT"
