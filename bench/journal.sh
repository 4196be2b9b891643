#!/usr/bin/env bash
# Journal benchmark (issue 19) (not part of ops/test): a throwaway PostgreSQL cluster, then
#   bench/journal.sh 10000
# seeds each portfolio size in its own database and prints the journal's catch-up, the accrual, a rebuild of the journal against a raw SQL read of the
# same events, and the trial balance against a raw SQL sum of the same lines. See docs/benchmarks.md.
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
dotnet run -c Release --project bench/HtxFund.Benchmarks -- journal --loans "${1:-10000}"
