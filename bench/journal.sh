#!/usr/bin/env bash
# Journal benchmark (issue 19) (not part of ops/test): a throwaway PostgreSQL cluster, then
#   bench/journal.sh 10000
# seeds each portfolio size in its own database and prints the journal's catch-up, the accrual, a rebuild of the journal against a raw SQL read of the
# same events, and the trial balance against a raw SQL sum of the same lines. See docs/benchmarks.md.
exec "$(dirname "${BASH_SOURCE[0]}")/console.sh" journal --loans "${1:-10000}"
