#!/usr/bin/env bash
# Before/after in one run (issue 17's targets): the load test (repayments and views against pgbench, CPU per repayment,
# the as-of view, the projection rebuild) and the monthly classification benchmark, first on an older commit, then on
# this checkout, back to back on the same machine, with this checkout's measuring scripts.
#   bench/compare.sh BASE_COMMIT [load.sh options]     e.g. bench/compare.sh 24a8ce1 --step 10 --mixed 30 --levels 4,16
# Environment: COMPARE_CLASSIFICATION=10000,100000 (portfolio sizes of the classification benchmark; empty to skip).
# Results: artifacts/compare/<UTC time>/{before,after}/results.md and classification-{before,after}.log. See docs/benchmarks.md.
set -euo pipefail
# shellcheck source=ops/lib/pg.sh
source "$(dirname "${BASH_SOURCE[0]}")/../ops/lib/pg.sh"
[[ $# -ge 1 ]] || die "usage: bench/compare.sh BASE_COMMIT [load.sh options]"
base="$1"; shift
root="$(repo_root)"
out="$root/artifacts/compare/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
tree="$(mktemp -d /tmp/htxfund-compare.XXXXXX)"
# shellcheck disable=SC2317  # invoked by trap
cleanup() { git -C "$root" worktree remove --force "$tree" >/dev/null 2>&1 || rm -rf "$tree"; }
trap cleanup EXIT
git -C "$root" worktree add --detach "$tree" "$base" >/dev/null
log "before: $(git -C "$tree" log --oneline -1); after: $(git -C "$root" describe --always --dirty)"
"$root/bench/load.sh" --tree "$tree" --out "$out/before" "$@"
"$root/bench/load.sh" --out "$out/after" "$@"
sizes="${COMPARE_CLASSIFICATION-100000}"
if [[ -n "$sizes" ]]; then
  (cd "$tree" && bench/classification.sh "$sizes") 2>&1 | tee "$out/classification-before.log"
  "$root/bench/classification.sh" "$sizes" 2>&1 | tee "$out/classification-after.log"
fi
log "done: $out"
