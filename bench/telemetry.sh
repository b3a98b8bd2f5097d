#!/usr/bin/env bash
# Telemetry cost (issue 15): server CPU per request with telemetry off vs on, each variant its own server process on
# its own copy of one seeded SQLite store, measured by bench/telemetry_cpu.py in many interleaved rounds of a fixed
# request mix (GraphQL query, REST GET, GraphQL mutation), sequential requests, no load generator competing for CPU.
# usage: bench/telemetry.sh [SIZE]                  (default 10000 connectors)
# env:   MIXES=20 ROUNDS=100 PORT=9340 WARMUP=300 (untimed mixes per server before the rounds)
#        VARIANTS="off off2 metrics sampled traced" (the first is the baseline)
#        variants: off, off2 (a second "off": the A/A ratio), metrics (the default: metrics, no tracing),
#        sampled (metrics + tracing, OTEL_TRACES_SAMPLER=parentbased_traceidratio, ARG=0.1, the documented setting),
#        unsampled (the same with ratio 0: tracing's floor), traced (metrics + every request traced).
#        A variant named NAME-before runs NAME's settings on BEFORE_DLL (a baseline build, e.g. main's, built into its
#        own folder) instead of this tree's server: before/after of a change in the same run.
#        Traced variants export over OTLP to http://127.0.0.1:9, where nobody listens: batching and protobuf
#        serialization are paid, the network is not.
set -euo pipefail
export RateLimits__Enabled=${RateLimits__Enabled:-false}
cd "$(dirname "$0")/.."
ROOT=$PWD
N=${1:-10000}
MIXES=${MIXES:-20} ROUNDS=${ROUNDS:-100} PORT=${PORT:-9340}
read -r -a VARIANTS <<< "${VARIANTS:-off off2 metrics sampled traced}"
OUT="$ROOT/bench/results/telemetry-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT" "$ROOT/bench/data"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "building (Release)…"
  dotnet build -c Release -v q src/Server >/dev/null
  dotnet build -c Release -v q bench/SeedTool >/dev/null
fi
SERVER_DLL=src/Server/bin/Release/net10.0/Coco.Connectors.GraphQL.Server.dll
SEED_DLL=bench/SeedTool/bin/Release/net10.0/Coco.Connectors.Bench.SeedTool.dll
SEEDED="$ROOT/bench/data/coco-$N.db"
[ -f "$SEEDED" ] || dotnet "$SEED_DLL" seed "$SEEDED" "$N"

declare -A pid
cleanup() {
  for p in "${pid[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pid[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -f "$OUT"/*.db "$OUT"/*.db-wal "$OUT"/*.db-shm
}
trap cleanup EXIT

otlp=(OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:9 OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf Telemetry__Tracing=true)
settings() {
  case ${1%-before} in
    off*) echo Telemetry__Enabled=false ;;
    metrics) echo Telemetry__Enabled=true Telemetry__Tracing=false ;;
    sampled) echo Telemetry__Enabled=true "${otlp[@]}" OTEL_TRACES_SAMPLER=parentbased_traceidratio OTEL_TRACES_SAMPLER_ARG=0.1 ;;
    unsampled) echo Telemetry__Enabled=true "${otlp[@]}" OTEL_TRACES_SAMPLER=parentbased_traceidratio OTEL_TRACES_SAMPLER_ARG=0 ;;
    traced) echo Telemetry__Enabled=true "${otlp[@]}" ;;
    *) echo "unknown variant $1" >&2; exit 2 ;;
  esac
}

specs=()
port=$PORT
for v in "${VARIANTS[@]}"; do
  port=$((port + 1))
  cp "$SEEDED" "$OUT/$v.db"
  dll=$SERVER_DLL; [ "$v" = "${v%-before}" ] || dll=${BEFORE_DLL:?set BEFORE_DLL for the variant $v}
  # shellcheck disable=SC2046 # settings are whitespace-free NAME=VALUE words
  env $(settings "$v") Storage__Provider=sqlite Storage__ConnectionString="Data Source=$OUT/$v.db" \
    Logging__LogLevel__Default=Warning dotnet "$dll" --urls "http://127.0.0.1:$port" > "$OUT/server-$v.log" 2>&1 &
  pid[$v]=$!
  specs+=("$v:$port:${pid[$v]}")
done
for spec in "${specs[@]}"; do
  IFS=: read -r v p _ <<< "$spec"
  until curl -fs "http://127.0.0.1:$p/healthz" >/dev/null 2>&1; do
    sleep 0.5; kill -0 "${pid[$v]}" 2>/dev/null || { cat "$OUT/server-$v.log"; exit 1; }
  done
done

echo "== $N connectors, variants ${VARIANTS[*]}, $ROUNDS rounds x $MIXES mixes ($(uptime | sed 's/.*load average/load average/'))"
# One untimed round first: JIT, the first export and the store's pages are paid before measuring.
python3 bench/telemetry_cpu.py "$(IFS=,; echo "${specs[*]}")" "${WARMUP:-300}" 1 > /dev/null 2>&1
python3 bench/telemetry_cpu.py "$(IFS=,; echo "${specs[*]}")" "$MIXES" "$ROUNDS" "$OUT/rounds.json" 2> "$OUT/rounds.log" | tee "$OUT/report.txt"
echo "results in $OUT"
