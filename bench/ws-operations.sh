#!/usr/bin/env bash
# Operations sent over an open WebSocket against a token limited to 1 request a second (burst 5): with the rate limits
# off (baseline: every operation answered) and on (each operation takes a permit from the token's bucket), both
# subprotocols. Reports answered / refused per run and the server CPU ms per operation sent.
# usage: bench/ws-operations.sh   env: N=3000 PORT=9336   (needs `npm ci` in tests/interop)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-3000} PORT=${PORT:-9336}
dotnet build -c Release -v q src/Server >/dev/null
SERVER_DLL=src/Server/bin/Release/net10.0/Coco.Connectors.GraphQL.Server.dll
KEY=$(python3 -c 'import base64; print(base64.b64encode(bytes(range(1, 33))).decode())')
TOKEN=coco_bench-token-with-every-permission
HASH=$(python3 -c 'import hmac, hashlib, sys; print(hmac.new(bytes(range(1, 33)), sys.argv[1].encode(), hashlib.sha256).hexdigest())' "$TOKEN")
WORK=$(mktemp -d)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
for enabled in false true; do
  Storage__ConnectionString="Data Source=$WORK/$enabled.db" Auth__TokenKey="$KEY" Auth__Tokens__bench__Hash="$HASH" Auth__Tokens__bench__Permissions='*' \
    RateLimits__Enabled=$enabled RateLimits__ExemptLoopback=false RateLimits__PerToken__PermitLimit=5 \
    RateLimits__PerToken__TokensPerPeriod=1 RateLimits__PerToken__ReplenishmentPeriod=00:00:01 \
    dotnet "$SERVER_DLL" --urls "http://127.0.0.1:$PORT" > "$WORK/server-$enabled.log" 2>&1 &
  pid=$!
  for _ in $(seq 120); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
  for protocol in graphql-transport-ws graphql-ws; do
    sleep 6 # the bucket refills between runs
    before=$(ticks "$pid")
    result=$(node bench/ws_operations.mjs "ws://127.0.0.1:$PORT/graphql" "$TOKEN" "$protocol" "$N")
    used=$(( $(ticks "$pid") - before ))
    echo "RateLimits:Enabled=$enabled $result server_cpu_ms_per_op=$(python3 -c "print(round($used * 1000 / $(getconf CLK_TCK) / $N, 3))")"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
rm -rf "$WORK"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
