#!/usr/bin/env bash
# Hostile documents beside ordinary traffic (the hostile-input issue, "cost that explodes"):
#   0. in process: what the document limits decide for each shape and how long deciding takes (bench/LimitsMicro);
#   1. server CPU per refusal for every hostile shape (bench/refusal_cpu.py, one keep-alive connection);
#   2. an ordinary GraphQL route's throughput alone, then while the issue's hostile shapes arrive at $RATE requests/s
#      (bench/hostile_load.py, paced, keep-alive), interleaved round by round; reports the ratio (target >= 0.8).
# usage: bench/hostile.sh
# env:   DURATION=10 ROUNDS=3 RATE=80 THREADS=1 CONNECTIONS=8 HOSTILE_CONNECTIONS=8 REQUESTS=100 PORT=9330
set -euo pipefail
# Benchmarks measure what a request costs, not the rate limiter's refusals (bench/ratelimit.sh measures the limiter).
export RateLimits__Enabled=${RateLimits__Enabled:-false}
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=${DURATION:-10} ROUNDS=${ROUNDS:-3} RATE=${RATE:-80} THREADS=${THREADS:-1} CONNECTIONS=${CONNECTIONS:-8}
HOSTILE_CONNECTIONS=${HOSTILE_CONNECTIONS:-8} REQUESTS=${REQUESTS:-100} PORT=${PORT:-9330}
BASE="http://127.0.0.1:$PORT"
OUT="$ROOT/bench/results/hostile-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

echo "building (Release)…"
dotnet build -c Release -v q src/Server >/dev/null
dotnet build -c Release -v q bench/LimitsMicro >/dev/null
SERVER_DLL=src/Server/bin/Release/net10.0/Coco.Connectors.GraphQL.Server.dll
MICRO_DLL=bench/LimitsMicro/bin/Release/net10.0/Coco.Connectors.Bench.LimitsMicro.dll

python3 bench/hostile_shapes.py "$OUT/bodies"
# Baselines for the refusal figures: the cheapest request, and an accepted request with a body as large as the
# largest hostile one (reading and decoding a big JSON body costs the same whatever it holds).
python3 -c 'import json,sys; json.dump({"query": "{ __typename }"}, open(sys.argv[1], "w")); json.dump({"query": "{ __typename }", "extensions": {"pad": "x" * 500000}}, open(sys.argv[2], "w"))' \
  "$OUT/baseline-trivial.json" "$OUT/baseline-500KB-body.json"
ORDINARY_QUERY='{ connectors(first: 20) { nodes { id name category } } }'
printf '{"query":"%s"}' "$ORDINARY_QUERY" > "$OUT/ordinary.json"

echo "== document limits in process (best batch; no HTTP)"
dotnet "$MICRO_DLL" "$OUT"/bodies/*.json | tee "$OUT/limits-in-process.txt"

DATA=$(mktemp -d)
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=""; rm -rf "$DATA"
}
trap stop_server EXIT
Storage__ConnectionString="Data Source=$DATA/coco.db" Logging__LogLevel__Default=Warning \
  dotnet "$SERVER_DLL" --urls "$BASE" > "$OUT/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
server_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }

echo "== server CPU per refusal ($REQUESTS requests per shape; name status code bytes cpu_ms)"
python3 bench/refusal_cpu.py "$server_pid" "$BASE" "$REQUESTS" "$OUT"/baseline-*.json "$OUT"/bodies/*.json | tee "$OUT/refusals.txt"

ordinary_run() { # $1 = label; appends "label rps non2xx server_cpu_ms_per_request"
  local log="$OUT/wrk-$1-$round.txt" before; before=$(server_ticks)
  BODY_FILE="$OUT/ordinary.json" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s bench/post.lua "$BASE/graphql" > "$log"
  local ticks=$(( $(server_ticks) - before ))
  python3 - "$log" "$1" "$ticks" "$(getconf CLK_TCK)" >> "$OUT/summary.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
requests = int(re.search(r"(\d+) requests in", text).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text); bad = int(bad.group(1)) if bad else 0
print(f"{sys.argv[2]} {rps:.1f} {bad} {1000 * int(sys.argv[3]) / int(sys.argv[4]) / max(requests, 1):.3f}")
PY
  tail -1 "$OUT/summary.txt"
}

echo "== ordinary route alone vs beside hostile traffic at $RATE req/s (label req/s non2xx server_cpu_ms_per_ordinary_request)"
: > "$OUT/summary.txt"
for round in $(seq 1 "$ROUNDS"); do
  ordinary_run alone
  python3 bench/hostile_load.py "$BASE" "$OUT/bodies/issue.txt" "$RATE" "$((DURATION + 2))" "$HOSTILE_CONNECTIONS" > "$OUT/hostile-$round.txt" &
  hostile_pid=$!
  sleep 1
  ordinary_run beside_hostile
  wait "$hostile_pid"
  cat "$OUT/hostile-$round.txt"
done
stop_server

python3 - "$OUT/summary.txt" "$RATE" <<'PY' | tee "$OUT/report.txt"
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
alone = [float(r[1]) for r in rows if r[0] == "alone"]
beside = [float(r[1]) for r in rows if r[0] == "beside_hostile"]
ratio = st.median(beside) / st.median(alone)
paired = st.median(b / a for a, b in zip(alone, beside))
print(f"ordinary req/s alone {st.median(alone):.0f}, beside {sys.argv[2]} hostile req/s {st.median(beside):.0f}")
print(f"ratio of medians {ratio:.2f}, per-round ratio median {paired:.2f} (target >= 0.8): {'OK' if min(ratio, paired) >= 0.8 else 'MISSED'}")
PY
echo "results in $OUT"
