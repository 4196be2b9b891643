#!/usr/bin/env bash
# Monthly-classification benchmark (not part of ops/test): a throwaway PostgreSQL cluster, then
#   bench/classification.sh 10000,100000
# seeds each portfolio size in its own database and prints the run time against a raw SQL read of the
# same events, and the memory during the run. See docs/benchmarks.md.
exec "$(dirname "${BASH_SOURCE[0]}")/console.sh" classification --loans "${1:-10000}"
