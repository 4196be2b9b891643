#!/usr/bin/env bash
# Private PostgreSQL clusters in a folder (source it; see ops/pg for the command-line front end).
#
# Layout of a cluster folder DIR:
#   DIR/data        PGDATA (initdb -A trust -U postgres -E UTF8)
#   DIR/port        the TCP port (127.0.0.1 only); reused on restart when still free
#   DIR/server.log  server log
#   DIR/run         Unix socket directory (or /tmp/htxpg-<hash> when DIR is too long for a socket path)
#   DIR/throwaway   present when the cluster was created for tests (fsync=off, synchronous_commit=off)
#
# Functions: pg_bindir, pg_start DIR [throwaway], pg_stop DIR, pg_status DIR, pg_port DIR,
#            pg_conn DIR [DB], pg_psql DIR [psql args], pg_create_db DIR NAME, pg_destroy DIR
# shellcheck shell=bash

if [[ -n "${HTXFUND_PG_SH:-}" ]]; then return 0; fi
HTXFUND_PG_SH=1
# shellcheck source=ops/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Finds the server binaries (initdb, pg_ctl, postgres): $PG_BINDIR, pg_config --bindir, newest
# /usr/lib/postgresql/*/bin; installs Debian's postgresql when none is found.
# (Debian's package creates and may start its own "main" cluster on 5432; we never use it: our
# clusters run from their own folder, on their own port and socket directory.)
pg_find_bindir() {
  local d
  if [[ -n "${PG_BINDIR:-}" && -x "$PG_BINDIR/initdb" ]]; then printf '%s\n' "$PG_BINDIR"; return 0; fi
  if command -v pg_config >/dev/null 2>&1; then
    d="$(pg_config --bindir 2>/dev/null || true)"
    if [[ -n "$d" && -x "$d/initdb" && -x "$d/pg_ctl" ]]; then printf '%s\n' "$d"; return 0; fi
  fi
  d="$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' 2>/dev/null | sort -V | tail -n1)"
  if [[ -n "$d" ]]; then dirname "$d"; return 0; fi
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"; return 0
  fi
  return 1
}

pg_bindir() {
  if [[ -n "${PG_BINDIR:-}" && -x "$PG_BINDIR/initdb" ]]; then printf '%s\n' "$PG_BINDIR"; return 0; fi
  local d
  if ! d="$(pg_find_bindir)"; then
    log "PostgreSQL server binaries not found; installing Debian's postgresql"
    ensure_apt postgresql || die "could not install postgresql"
    d="$(pg_find_bindir)" || die "PostgreSQL binaries still not found after installing postgresql"
  fi
  PG_BINDIR="$d"; export PG_BINDIR
  printf '%s\n' "$d"
}

# Runs a command as the cluster owner: the postgres OS user when we are root (PostgreSQL refuses root).
pg_as_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

pg_abs() { mkdir -p "$1" && (cd "$1" && pwd); }

pg_sockdir() {
  local dir="$1"
  if (( ${#dir} + 24 < 100 )); then
    printf '%s/run\n' "$dir"
  else
    printf '/tmp/htxpg-%s\n' "$(printf '%s' "$dir" | md5sum | cut -c1-12)"
  fi
}

pg_port() {
  local dir; dir="$(cd "$1" 2>/dev/null && pwd)" || return 1
  [[ -s "$dir/port" ]] || return 1
  tr -dc '0-9' <"$dir/port"
}

pg_is_running() {
  local dir="$1" bin
  [[ -f "$dir/data/PG_VERSION" ]] || return 1
  bin="$(pg_bindir)"
  pg_as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

pg_conn() {
  local port; port="$(pg_port "$1")" || die "no cluster port recorded in $1/port (is it started?)"
  printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=postgres\n' "$port" "${2:-postgres}"
}

# pg_start DIR [throwaway]: creates the cluster when absent, starts it when stopped, waits until
# it accepts connections, writes DIR/port and prints the port on stdout.
pg_start() {
  local dir throwaway="${2:-}" bin sock port try
  dir="$(pg_abs "$1")"
  bin="$(pg_bindir)"
  sock="$(pg_sockdir "$dir")"

  if [[ "$(id -u)" -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || ensure_apt postgresql || die "no postgres OS user to own the cluster"
    mkdir -p "$sock"
    chown postgres: "$dir" "$sock"
    [[ -d "$dir/data" ]] && chown -R postgres: "$dir/data"
    if ! runuser -u postgres -- test -w "$dir"; then
      die "the postgres OS user cannot write to $dir (a parent folder is not traversable); use a folder under /tmp or /work"
    fi
  else
    mkdir -p "$sock"
  fi
  chmod 700 "$sock" 2>/dev/null || true

  if [[ ! -f "$dir/data/PG_VERSION" ]]; then
    local locale=C
    if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then locale=C.UTF-8; fi
    log "initdb $dir/data (locale $locale)"
    rm -rf "$dir/data"
    pg_as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale="$locale" \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed in $dir"; }
    {
      echo ""
      echo "# --- HtxFund private cluster (ops/lib/pg.sh) ---"
      echo "listen_addresses = '127.0.0.1'"
      echo "max_connections = 300"
      echo "shared_buffers = 128MB"
      echo "timezone = 'UTC'"
      echo "log_timezone = 'UTC'"
      if [[ "$throwaway" == throwaway ]]; then
        echo "# throwaway test cluster: durability off for speed"
        echo "fsync = off"
        echo "synchronous_commit = off"
        echo "full_page_writes = off"
      fi
    } | pg_as_owner tee -a "$dir/data/postgresql.conf" >/dev/null
    if [[ "$throwaway" == throwaway ]]; then : >"$dir/throwaway"; fi
  fi

  if pg_is_running "$dir"; then
    port="$(pg_port "$dir")" || die "cluster in $dir runs but $dir/port is missing"
    printf '%s\n' "$port"
    return 0
  fi

  port="$(pg_port "$dir" || true)"
  if [[ -z "$port" ]] || ! port_is_free "$port"; then port="$(free_port)"; fi
  for try in 1 2 3 4 5; do
    if pg_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k '$sock' -c listen_addresses=127.0.0.1" start >/dev/null 2>&1; then
      break
    fi
    if (( try == 5 )) || port_is_free "$port"; then
      tail -n 30 "$dir/server.log" >&2 2>/dev/null || true
      die "PostgreSQL failed to start in $dir (log: $dir/server.log)"
    fi
    warn "port $port was taken meanwhile; retrying with another"
    port="$(free_port)"
  done
  printf '%s\n' "$port" >"$dir/port"

  local _
  for _ in $(seq 1 60); do
    if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -t 2; then
      printf '%s\n' "$port"
      return 0
    fi
    sleep 0.5
  done
  die "PostgreSQL in $dir did not become ready on port $port"
}

pg_stop() {
  local dir bin
  dir="$(cd "$1" 2>/dev/null && pwd)" || return 0
  [[ -f "$dir/data/PG_VERSION" ]] || return 0
  bin="$(pg_bindir)"
  pg_is_running "$dir" || return 0
  if ! pg_as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1; then
    warn "fast shutdown failed in $dir; using immediate"
    pg_as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
}

# Stops the cluster and deletes its folder (throwaway test clusters).
pg_destroy() {
  local dir
  dir="$(cd "$1" 2>/dev/null && pwd)" || return 0
  pg_stop "$dir" || true
  local sock; sock="$(pg_sockdir "$dir")"
  [[ "$sock" == "$dir/run" ]] || rm -rf "$sock"
  rm -rf "$dir"
}

pg_status() {
  local dir
  dir="$(cd "$1" 2>/dev/null && pwd)" || { echo "no cluster folder $1"; return 3; }
  if [[ ! -f "$dir/data/PG_VERSION" ]]; then echo "no cluster in $dir"; return 3; fi
  if pg_is_running "$dir"; then
    echo "running in $dir on 127.0.0.1:$(pg_port "$dir")"
    echo "HTXFUND_DB=$(pg_conn "$dir" htxfund)"
    return 0
  fi
  echo "stopped ($dir)"
  return 3
}

pg_psql() {
  local dir="$1" port bin; shift
  port="$(pg_port "$dir")" || die "no cluster port in $dir/port (run: ops/pg start $dir)"
  bin="$(pg_bindir)"
  local psql="$bin/psql"
  [[ -x "$psql" ]] || psql="$(command -v psql)" || die "psql not found"
  PGHOST=127.0.0.1 PGPORT="$port" PGUSER=postgres PGDATABASE="${PGDATABASE:-postgres}" "$psql" "$@"
}

pg_create_db() {
  local dir="$1" name="$2" exists
  exists="$(pg_psql "$dir" -d postgres -XtAq -c "select 1 from pg_database where datname = '$name'")"
  if [[ "$exists" != 1 ]]; then
    log "creating database $name"
    pg_psql "$dir" -d postgres -Xq -c "create database \"$name\"" >/dev/null
  fi
}
