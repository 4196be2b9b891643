#!/usr/bin/env bash
# The console benchmarks' common run (not part of ops/test): a throwaway PostgreSQL cluster, HTXFUND_BENCH_DB set to its
# "postgres" database, then the benchmark console with the given verb and arguments, the cluster destroyed at exit.
#   bench/console.sh <verb> [arguments...]      e.g. bench/console.sh classification --loans 10000
set -euo pipefail
# shellcheck source=ops/lib/pg.sh
source "$(dirname "${BASH_SOURCE[0]}")/../ops/lib/pg.sh"
ensure_dotnet
root="$(repo_root)"
cluster="$(mktemp -d /tmp/htxfund-bench-pg.XXXXXX)"
# shellcheck disable=SC2317  # invoked by trap
cleanup() { pg_destroy "$cluster" >/dev/null 2>&1 || true; }
trap cleanup EXIT
pg_start "$cluster" throwaway >/dev/null
export HTXFUND_BENCH_DB ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
HTXFUND_BENCH_DB="$(pg_conn "$cluster" postgres)"
cd "$root"
dotnet run -c Release --project bench/HtxFund.Benchmarks -- "$@"
