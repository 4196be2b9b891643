#!/usr/bin/env bash
# Helpers shared by ops/run and ops/migrate: database selection, build, app verbs.
# The app runs from its build output folder, so its content root holds the appsettings*.json that the
# build copied there.
# shellcheck shell=bash disable=SC2034

if [[ -n "${HTXFUND_APP_SH:-}" ]]; then return 0; fi
HTXFUND_APP_SH=1
# shellcheck source=ops/lib/pg.sh
source "$(dirname "${BASH_SOURCE[0]}")/pg.sh"

HTXFUND_ROOT="$(repo_root)"
HTXFUND_PROJECT="$HTXFUND_ROOT/src/HtxFund/HtxFund.csproj"
HTXFUND_DLL="$HTXFUND_ROOT/src/HtxFund/bin/Release/net10.0/HtxFund.dll"
HTXFUND_DEV_PG="${HTXFUND_DEV_PG:-$HTXFUND_ROOT/.data/pg}"
# Set to the cluster folder when app_select_db started a cluster (so the caller may stop it).
HTXFUND_STARTED_PG=""

# Chooses the database: HTXFUND_DB, else ConnectionStrings__HtxFund, else the dev cluster in
# .data/pg (started when stopped, database htxfund created when missing). Exports HTXFUND_DB.
app_select_db() {
  if [[ -z "${HTXFUND_DB:-}" && -n "${ConnectionStrings__HtxFund:-}" ]]; then
    HTXFUND_DB="$ConnectionStrings__HtxFund"
  fi
  if [[ -n "${HTXFUND_DB:-}" ]]; then
    export HTXFUND_DB
    log "using the database from the environment (no local cluster started)"
    return 0
  fi
  local was_running=0
  if pg_is_running "$HTXFUND_DEV_PG"; then was_running=1; fi
  pg_start "$HTXFUND_DEV_PG" >/dev/null
  if (( was_running == 0 )); then HTXFUND_STARTED_PG="$HTXFUND_DEV_PG"; fi
  pg_create_db "$HTXFUND_DEV_PG" htxfund
  HTXFUND_DB="$(pg_conn "$HTXFUND_DEV_PG" htxfund)"
  export HTXFUND_DB
  log "dev cluster $HTXFUND_DEV_PG on port $(pg_port "$HTXFUND_DEV_PG"); HTXFUND_DB=$HTXFUND_DB"
}

app_build() {
  log "building src/HtxFund (Release)"
  dotnet build "$HTXFUND_PROJECT" -c Release --nologo -v quiet -tl:off "-clp:NoSummary;ErrorsOnly" \
    || die "build failed"
}

# Builds when the dll is missing or older than any source file under src/ (cheap check).
app_build_if_needed() {
  local newer=""
  if [[ -f "$HTXFUND_DLL" ]]; then
    newer="$(find "$HTXFUND_ROOT/src" "$HTXFUND_ROOT/migrations" \( -name bin -o -name obj \) -prune -o \
               -type f -newer "$HTXFUND_DLL" -print -quit 2>/dev/null)"
    if [[ -z "$newer" ]]; then
      newer="$(find "$HTXFUND_ROOT"/Directory.*.props -newer "$HTXFUND_DLL" -print -quit 2>/dev/null)"
    fi
  fi
  if [[ ! -f "$HTXFUND_DLL" || -n "$newer" ]]; then app_build; fi
}

# app_verb VERB [args]: runs the built app with a JasperFx verb (migrate, seed-demo, ...).
app_verb() {
  (cd "$(dirname "$HTXFUND_DLL")" && dotnet "$HTXFUND_DLL" "$@")
}
