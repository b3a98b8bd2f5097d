#!/usr/bin/env bash
# The cost of API-token authentication on the benchmark query: one server (Auth:AllowAnonymous=true plus one
# configured token), requests alternately without a token (anonymous: no hashing) and with X-API-TOKEN (HMAC +
# look-up + permission check), interleaved round by round. Reports server CPU ms per request and req/s of each.
# usage: bench/auth.sh [SIZE]      env: QUERY=benchmark|lookup DURATION=10 ROUNDS=3 THREADS=2 CONNECTIONS=16 PORT=9312
set -euo pipefail
# Benchmarks measure what a request costs, not the rate limiter's refusals (bench/ratelimit.sh measures the limiter).
export RateLimits__Enabled=${RateLimits__Enabled:-false}
cd "$(dirname "$0")/.."
ROOT=$PWD
N=${1:-10000}
DURATION=${DURATION:-10} THREADS=${THREADS:-2} CONNECTIONS=${CONNECTIONS:-16} ROUNDS=${ROUNDS:-3} PORT=${PORT:-9312}
BASE="http://127.0.0.1:$PORT"
OUT="$ROOT/bench/results/auth-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT" "$ROOT/bench/data"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

echo "building (Release)…"
dotnet build -c Release -v q src/Server >/dev/null
dotnet build -c Release -v q bench/SeedTool >/dev/null
SERVER_DLL=src/Server/bin/Release/net10.0/Coco.Connectors.GraphQL.Server.dll
SEED_DLL=bench/SeedTool/bin/Release/net10.0/Coco.Connectors.Bench.SeedTool.dll
DB="$ROOT/bench/data/coco-$N.db"
[ -f "$DB" ] || { echo "seeding $N connectors…"; dotnet "$SEED_DLL" seed "$DB" "$N" >/dev/null; }
WORK=$(mktemp -d); cp "$DB" "$WORK/coco.db"

KEY=$(python3 -c 'import base64; print(base64.b64encode(bytes(range(1, 33))).decode())')
TOKEN=coco_bench-token-with-every-permission
HASH=$(python3 -c 'import hmac, hashlib, sys; print(hmac.new(bytes(range(1, 33)), sys.argv[1].encode(), hashlib.sha256).hexdigest())' "$TOKEN")
Storage__ConnectionString="Data Source=$WORK/coco.db" Auth__AllowAnonymous=true Auth__TokenKey="$KEY" \
  Auth__Tokens__bench__Hash="$HASH" Auth__Tokens__bench__Permissions='*' \
  dotnet "$SERVER_DLL" --urls "$BASE" > "$OUT/server.log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 120); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.5; done

# The benchmark query of bench/run.sh, and a cheap look-up on which the token check weighs the most.
QUERY="${QUERY:-benchmark}"
BODY="$OUT/query.json"
if [ "$QUERY" = lookup ]; then
  printf '%s' '{"query":"{ connectorById(id: \"github\") { id name } }"}' > "$BODY"
else
  printf '%s' '{"query":"{ connectors(first: 20, query: \"git\", where: {enabled: {eq: true}}, order: [{name: ASC}]) { totalCount nodes { id name category } } }"}' > "$BODY"
fi
# Both modes must get the same successful answer before anything is measured.
anon=$(curl -fs -H 'Content-Type: application/json' --data @"$BODY" "$BASE/graphql")
auth=$(curl -fs -H 'Content-Type: application/json' -H "X-API-TOKEN: $TOKEN" --data @"$BODY" "$BASE/graphql")
[ "$anon" = "$auth" ] && [[ "$anon" == *'"data"'* ]] || { echo "the two modes answer differently" >&2; exit 1; }
bad=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -H 'Accept: application/graphql-response+json' \
  -H 'X-API-TOKEN: coco_wrong' --data @"$BODY" "$BASE/graphql")
[ "$bad" = 401 ] || { echo "a wrong token was not refused ($bad)" >&2; exit 1; }

server_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
run() { # NAME TOKEN → "NAME rps cpu_ms_per_request"
  local log="$OUT/wrk-$1-$round.txt" before; before=$(server_ticks)
  BODY_FILE=$BODY API_TOKEN=$2 wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s bench/post.lua "$BASE/graphql" > "$log"
  local ticks=$(( $(server_ticks) - before ))
  python3 - "$log" "$1" "$ticks" "$(getconf CLK_TCK)" <<'PY' | tee -a "$OUT/summary.txt"
import re, sys
text = open(sys.argv[1]).read()
requests = int(re.search(r"(\d+) requests in", text).group(1))
assert "Non-2xx" not in text and "non2xx_in_script 0" in text, text
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
print(f"{sys.argv[2]} {rps:.1f} {1000 * int(sys.argv[3]) / int(sys.argv[4]) / requests:.4f}")
PY
}

wrk -t1 -c4 -d3s -s bench/post.lua "$BASE/graphql" >/dev/null 2>&1 || true # warm-up (JIT, caches)
for round in $(seq "$ROUNDS"); do
  run anonymous ""
  run token "$TOKEN"
done
python3 - "$OUT/summary.txt" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
anon = [r for r in rows if r[0] == "anonymous"]; tok = [r for r in rows if r[0] == "token"]
cpu = statistics.median(float(t[2]) / float(a[2]) for a, t in zip(anon, tok))
rps = statistics.median(float(t[1]) / float(a[1]) for a, t in zip(anon, tok))
print(f"median per-round ratio token/anonymous: server CPU per request {cpu:.3f}, req/s {rps:.3f}")
PY
