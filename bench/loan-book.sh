#!/usr/bin/env bash
# Loan book booking benchmark (issue 21; not part of ops/test): a throwaway PostgreSQL cluster, then
#   bench/loan-book.sh [LOANS]          (default 5000)
# books a loan book of LOANS loans in mixed states as the confirmation does and, in the same run, copies the same event
# rows with raw binary COPY for the ratio. See docs/benchmarks.md "Issue 21: booking a loan book".
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
dotnet run -c Release --project bench/HtxFund.Benchmarks -- loan-book --loans "${1:-5000}"
