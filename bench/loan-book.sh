#!/usr/bin/env bash
# Loan book booking benchmark (issue 21; not part of ops/test):
#   bench/loan-book.sh [LOANS]          (default 5000)
# books a loan book of LOANS loans in mixed states as the confirmation does and, in the same run, copies the same event
# rows with raw binary COPY for the ratio. See docs/benchmarks.md "Issue 21: booking a loan book".
exec "$(dirname "${BASH_SOURCE[0]}")/console.sh" loan-book --loans "${1:-5000}"
