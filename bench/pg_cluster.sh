# The benchmarks' own PostgreSQL cluster (sourced by bench/run.sh and bench/scale.sh with PROVIDER=postgres):
# initdb + pg_ctl in bench/data/pg on PG_PORT (default 31440), as the postgres user when run as root, kept between
# runs with one seeded database per size (coco_bench_N, seeded by SeedTool's binary COPY). The default port lies below
# Linux's ephemeral range (32768-60999): the fan-out client's thousands of sockets leave ports of that range in
# TIME_WAIT, and a cluster restarted on one of them cannot bind. Port and socket folder are given at each start, so a
# moved folder or another PG_PORT works with the same cluster.
PG_PORT=${PG_PORT:-31440}
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
PG_DATA="$ROOT/bench/data/pg"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
# Stops the cluster only when this script started it (another benchmark may be using it).
stop_pg() { if [ "${PG_STARTED:-}" = 1 ] && [ -f "$PG_DATA/postmaster.pid" ]; then as_postgres "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m fast -w >/dev/null; fi; }
start_pg() {
  [ -n "$PG_BIN" ] || { echo "PostgreSQL is missing: apt-get install -y postgresql postgresql-contrib" >&2; exit 1; }
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    mkdir -p "$PG_DATA"; [ "$(id -u)" = 0 ] && chown postgres "$PG_DATA"
    as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    printf "port = %s\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '%s'\nshared_buffers = 256MB\nmax_connections = 300\n" "$PG_PORT" "$PG_DATA" >> "$PG_DATA/postgresql.conf"
  fi
  if [ ! -f "$PG_DATA/postmaster.pid" ]; then
    as_postgres "$PG_BIN/pg_ctl" start -D "$PG_DATA" -o "-p $PG_PORT -k $PG_DATA" -l "$PG_DATA/server.log" -w >/dev/null; PG_STARTED=1
  fi
}
pg_sql() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "${2:-postgres}" -qtAc "$1"; }
pg_connection() { echo "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$1"; }
# pg_seeded N SEED_DLL → the name of a database holding N seeded connectors (seeded once, then reused)
pg_seeded() {
  local db="coco_bench_$1"
  if [ "$(pg_sql "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
    pg_sql "CREATE DATABASE $db"
    BENCH_PROVIDER=postgres dotnet "$2" seed "$(pg_connection "$db")" "$1" >&2 || { pg_sql "DROP DATABASE $db"; exit 1; }
  fi
  echo "$db"
}
