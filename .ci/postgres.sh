#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback, for CI and for developers who want the PostgreSQL tests.
#   source .ci/postgres.sh; pg_install; pg_start DIR PORT   → exports WINWIN_TEST_DATABASE_URL
#   pg_stop DIR
# initdb and pg_ctl run as the `postgres` user (PostgreSQL refuses to run as root) on a folder it owns.
set -euo pipefail

pg_bindir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ]; then echo "$dir"; fi
  done | sort -V | tail -n 1
}

# Installs Debian's postgresql package when no server binaries are present.
pg_install() {
  if [ -n "$(pg_bindir)" ]; then return 0; fi
  echo "PostgreSQL is missing: installing Debian's postgresql package" >&2
  local sudo=""
  if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
}

# Runs a command as the postgres user (directly when already that user).
as_postgres() {
  if [ "$(id -un)" = "postgres" ]; then "$@"
  elif [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"
  else sudo -u postgres -- "$@"; fi
}

# pg_start DIR PORT: initdb in DIR (owned by postgres), start on 127.0.0.1:PORT, trust auth on loopback.
pg_start() {
  local dir="$1" port="$2" bin
  bin="$(pg_bindir)"
  mkdir -p "$dir"
  chown postgres "$dir" 2>/dev/null || true
  chmod 700 "$dir"
  as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1
  as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=on -c max_connections=200" start >/dev/null
  export WINWIN_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
  export WINWIN_TEST_PG_DATA="$dir/data"
  export WINWIN_TEST_PG_BIN="$bin"
}

pg_stop() {
  local dir="$1" bin
  bin="$(pg_bindir)"
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

# A free TCP port on loopback.
pg_free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}
