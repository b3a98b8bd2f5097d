#!/usr/bin/env bash
# The cost of the rate limiter per request: two servers over copies of one store, the same token, one with
# RateLimits:Enabled=false (baseline) and one with the limiter on (buckets too large to refuse anything), wrk runs
# alternating between them round by round. Reports server CPU ms per request and req/s of each, and the median
# per-round ratio limited / baseline.
# usage: bench/ratelimit.sh [SIZE]   env: QUERY=lookup|benchmark DURATION=10 ROUNDS=3 THREADS=2 CONNECTIONS=16 PORT=9322
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
N=${1:-10000}
DURATION=${DURATION:-10} THREADS=${THREADS:-2} CONNECTIONS=${CONNECTIONS:-16} ROUNDS=${ROUNDS:-3} PORT=${PORT:-9322}
OUT="$ROOT/bench/results/ratelimit-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT" "$ROOT/bench/data"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

echo "building (Release)…"
dotnet build -c Release -v q src/Server >/dev/null
dotnet build -c Release -v q bench/SeedTool >/dev/null
SERVER_DLL=src/Server/bin/Release/net10.0/Coco.Connectors.GraphQL.Server.dll
SEED_DLL=bench/SeedTool/bin/Release/net10.0/Coco.Connectors.Bench.SeedTool.dll
DB="$ROOT/bench/data/coco-$N.db"
[ -f "$DB" ] || { echo "seeding $N connectors…"; dotnet "$SEED_DLL" seed "$DB" "$N" >/dev/null; }
WORK=$(mktemp -d); cp "$DB" "$WORK/off.db"; cp "$DB" "$WORK/on.db"

KEY=$(python3 -c 'import base64; print(base64.b64encode(bytes(range(1, 33))).decode())')
TOKEN=coco_bench-token-with-every-permission
HASH=$(python3 -c 'import hmac, hashlib, sys; print(hmac.new(bytes(range(1, 33)), sys.argv[1].encode(), hashlib.sha256).hexdigest())' "$TOKEN")
start() { # NAME PORT ENABLED → pid
  Storage__ConnectionString="Data Source=$WORK/$1.db" Auth__TokenKey="$KEY" Auth__Tokens__bench__Hash="$HASH" Auth__Tokens__bench__Permissions='*' \
    RateLimits__Enabled="$3" RateLimits__ExemptLoopback=false \
    RateLimits__PerToken__PermitLimit=1000000000 RateLimits__PerToken__TokensPerPeriod=1000000000 \
    dotnet "$SERVER_DLL" --urls "http://127.0.0.1:$2" > "$OUT/server-$1.log" 2>&1 &
  echo $!
}
off_pid=$(start off "$PORT" false)
on_pid=$(start on "$((PORT + 1))" true)
trap 'kill "$off_pid" "$on_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
for port in "$PORT" "$((PORT + 1))"; do
  for _ in $(seq 120); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
done

QUERY="${QUERY:-lookup}"
BODY="$OUT/query.json"
if [ "$QUERY" = lookup ]; then
  printf '%s' '{"query":"{ connectorById(id: \"github\") { id name } }"}' > "$BODY"
else
  printf '%s' '{"query":"{ connectors(first: 20, query: \"git\", where: {enabled: {eq: true}}, order: [{name: ASC}]) { totalCount nodes { id name category } } }"}' > "$BODY"
fi
off=$(curl -fs -H 'Content-Type: application/json' -H "X-API-TOKEN: $TOKEN" --data @"$BODY" "http://127.0.0.1:$PORT/graphql")
on=$(curl -fs -H 'Content-Type: application/json' -H "X-API-TOKEN: $TOKEN" --data @"$BODY" "http://127.0.0.1:$((PORT + 1))/graphql")
[ "$off" = "$on" ] && [[ "$off" == *'"data"'* ]] || { echo "the two servers answer differently" >&2; exit 1; }

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
run() { # NAME PID PORT → "NAME rps cpu_ms_per_request"
  local log="$OUT/wrk-$1-$round.txt" before; before=$(ticks "$2")
  BODY_FILE=$BODY API_TOKEN=$TOKEN wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s bench/post.lua "http://127.0.0.1:$3/graphql" > "$log"
  local used=$(( $(ticks "$2") - before ))
  python3 - "$log" "$1" "$used" "$(getconf CLK_TCK)" <<'PY' | tee -a "$OUT/summary.txt"
import re, sys
text = open(sys.argv[1]).read()
requests = int(re.search(r"(\d+) requests in", text).group(1))
assert "Non-2xx" not in text and "non2xx_in_script 0" in text, text
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
print(f"{sys.argv[2]} {rps:.1f} {1000 * int(sys.argv[3]) / int(sys.argv[4]) / requests:.4f}")
PY
}

for port in "$PORT" "$((PORT + 1))"; do # warm-up (JIT, caches)
  BODY_FILE=$BODY API_TOKEN=$TOKEN wrk -t1 -c4 -d3s -s bench/post.lua "http://127.0.0.1:$port/graphql" >/dev/null 2>&1 || true
done
for round in $(seq "$ROUNDS"); do
  run baseline "$off_pid" "$PORT"
  run limited "$on_pid" "$((PORT + 1))"
done
python3 - "$OUT/summary.txt" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
off = [r for r in rows if r[0] == "baseline"]; on = [r for r in rows if r[0] == "limited"]
cpu = statistics.median(float(b[2]) / float(a[2]) for a, b in zip(off, on))
rps = statistics.median(float(b[1]) / float(a[1]) for a, b in zip(off, on))
print(f"median per-round ratio limited/baseline: server CPU per request {cpu:.3f}, req/s {rps:.3f}")
PY
