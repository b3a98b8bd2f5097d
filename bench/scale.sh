#!/usr/bin/env bash
# Scale curve of the search rows (issue 11): 10,000 / 100,000 / 1,000,000 connectors on the SQLite store, before
# (a baseline build, e.g. main) vs after (this tree), single-client p50/p95 and 16-connection throughput per row,
# file size, migration time, REST PUT p50.
# usage: bench/scale.sh [SIZE ...]                    (default: 10000 100000 1000000)
# env:   BEFORE_DLL=<baseline server dll> (required: build main into its own folder first, see bench/README.md)
#        BEFORE_SEED_DLL=<baseline SeedTool dll>      (seeds with the baseline schema, so "after" migrates it)
#        VARIANTS="before after"  DATA=bench/data  SAMPLES=20 BUDGET=30 DURATION=5 CONNECTIONS=16 PORT=9320
#        (variant "uncached": this tree with its count cache off, Storage__CountCacheEntries=0)
#        ONLY="tags:,PUT": measure only the rows whose names contain one of these parts (bench/scale_measure.py)
#        PROVIDER=postgres: the same rows on PostgreSQL (bench/pg_cluster.sh: the cluster in bench/data/pg on PG_PORT,
#        one seeded database coco_bench_N kept; each variant runs on its own copy, CREATE DATABASE … TEMPLATE).
#        VARIANTS defaults to "after"; BEFORE_DLL is needed only for "before" (seeded by this tree's SeedTool).
set -euo pipefail
# Benchmarks measure what a request costs, not the rate limiter's refusals (bench/ratelimit.sh measures the limiter).
export RateLimits__Enabled=${RateLimits__Enabled:-false}
cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=("${@:-10000 100000 1000000}"); read -r -a SIZES <<< "${SIZES[*]}"
DATA=${DATA:-$ROOT/bench/data} PORT=${PORT:-9320}
PROVIDER=${PROVIDER:-sqlite}
if [ "$PROVIDER" = postgres ]; then
  VARIANTS=${VARIANTS:-after}
  source bench/pg_cluster.sh
  start_pg
else
  BEFORE_DLL=${BEFORE_DLL:?set BEFORE_DLL to the baseline server dll}
  BEFORE_SEED_DLL=${BEFORE_SEED_DLL:?set BEFORE_SEED_DLL to the baseline SeedTool dll}
fi
BASE="http://127.0.0.1:$PORT"
OUT="$ROOT/bench/results/scale-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT" "$DATA"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

echo "building (Release)…"
dotnet build -c Release -v q src/Server >/dev/null
AFTER_DLL=src/Server/bin/Release/net10.0/Coco.Connectors.GraphQL.Server.dll
if [ "$PROVIDER" = postgres ]; then dotnet build -c Release -v q bench/SeedTool >/dev/null; fi
SEED_DLL=bench/SeedTool/bin/Release/net10.0/Coco.Connectors.Bench.SeedTool.dll

server_pid=""
stop_server() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi; server_pid=""; }
trap 'stop_server; [ "$PROVIDER" != postgres ] || stop_pg' EXIT
size_of() { du -b "$1" | cut -f1; }

# PostgreSQL: the same rows and measurements, each variant on a copy of the seeded database; sizes from pg_database_size.
scale_postgres() {
  local N=$1 SEEDED; SEEDED=$(pg_seeded "$N" "$SEED_DLL")
  for VARIANT in ${VARIANTS}; do
    local DB="coco_scale_$VARIANT" DLL; DLL=$([ "$VARIANT" = before ] && echo "$BEFORE_DLL" || echo "$AFTER_DLL")
    local CACHE; CACHE=$([ "$VARIANT" = uncached ] && echo 0 || echo 256)
    pg_sql "DROP DATABASE IF EXISTS $DB"; pg_sql "CREATE DATABASE $DB TEMPLATE $SEEDED"
    echo "== $N connectors on PostgreSQL, $VARIANT ($(uptime | sed 's/.*load average/load average/'))"
    local started; started=$(date +%s.%N)
    Storage__Provider=postgres Storage__CountCacheEntries=$CACHE Storage__ConnectionString="$(pg_connection "$DB")" \
      dotnet "$DLL" --urls "$BASE" > "$OUT/server-$VARIANT-$N.log" 2>&1 &
    server_pid=$!
    until curl -fs "$BASE/healthz" >/dev/null 2>&1; do sleep 0.5; kill -0 "$server_pid" || { cat "$OUT/server-$VARIANT-$N.log"; exit 1; }; done
    echo "  ready in $(echo "$(date +%s.%N) - $started" | bc) s"
    python3 bench/scale_measure.py "$BASE" "$OUT/$VARIANT-$N.json"
    stop_server
    echo "  database: $(pg_sql "SELECT pg_database_size('$SEEDED')") bytes seeded, $(pg_sql "SELECT pg_database_size('$DB')") bytes after the run"
    echo "$N $VARIANT $(pg_sql "SELECT pg_database_size('$SEEDED')") $(pg_sql "SELECT pg_database_size('$DB')")" >> "$OUT/sizes.txt"
    pg_sql "DROP DATABASE $DB"
  done
}

for N in "${SIZES[@]}"; do
  if [ "$PROVIDER" = postgres ]; then scale_postgres "$N"; continue; fi
  SEEDED="$DATA/coco-$N.db"
  # Seeded once with the baseline schema and reused; each variant works on its own copy.
  [ -f "$SEEDED" ] || dotnet "$BEFORE_SEED_DLL" seed "$SEEDED" "$N"
  for VARIANT in ${VARIANTS:-before after}; do
    DB="$OUT/$VARIANT-$N.db"
    cp "$SEEDED" "$DB"
    DLL=$([ "$VARIANT" = before ] && echo "$BEFORE_DLL" || echo "$AFTER_DLL")
    CACHE=$([ "$VARIANT" = uncached ] && echo 0 || echo 256)
    echo "== $N connectors, $VARIANT ($(uptime | sed 's/.*load average/load average/'))"
    started=$(date +%s.%N)
    Storage__CountCacheEntries=$CACHE Storage__ConnectionString="Data Source=$DB" dotnet "$DLL" --urls "$BASE" > "$OUT/server-$VARIANT-$N.log" 2>&1 &
    server_pid=$!
    until curl -fs "$BASE/healthz" >/dev/null 2>&1; do sleep 0.5; kill -0 "$server_pid" || { cat "$OUT/server-$VARIANT-$N.log"; exit 1; }; done
    echo "  ready in $(echo "$(date +%s.%N) - $started" | bc) s; $(grep -h -A1 'Migrated the SQLite store' "$OUT/server-$VARIANT-$N.log" | tail -1 | sed 's/^ *//')"
    python3 bench/scale_measure.py "$BASE" "$OUT/$VARIANT-$N.json"
    stop_server # the last connection checkpoints the WAL into the file
    sqlite_bytes=$(( $(size_of "$DB") + $( [ -f "$DB-wal" ] && size_of "$DB-wal" || echo 0) ))
    echo "  file: $(size_of "$SEEDED") bytes seeded, $sqlite_bytes bytes after the run"
    echo "$N $VARIANT $(size_of "$SEEDED") $sqlite_bytes" >> "$OUT/sizes.txt"
    rm -f "$DB" "$DB-wal" "$DB-shm"
  done
done
echo "results in $OUT"
