#!/usr/bin/env bash
# What the running app's managed heap holds (docs/benchmarks.md, "Memory"): a heap dump with the runtime's own
# createdump, read with ClrMD (bench/HtxFund.HeapStats), then deleted.
#   bench/heap.sh PID [--live]     # PID of a running `dotnet HtxFund.dll`; --live also walks what is reachable
# The dump is about the size of the process's memory; it is written to a temporary folder and removed at the end.
set -euo pipefail
# shellcheck source=ops/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../ops/lib/common.sh"
[[ $# -ge 1 ]] || die "usage: bench/heap.sh PID [--live]"
pid="$1"; shift
kill -0 "$pid" 2>/dev/null || die "no process $pid"
ensure_dotnet
root="$(repo_root)"
runtime_dir="$(dirname "$(tr '\0' '\n' </proc/"$pid"/maps 2>/dev/null | awk '/libcoreclr.so/{print $6; exit}')")"
[[ -x "$runtime_dir/createdump" ]] || die "createdump not found beside the app's runtime ($runtime_dir)"
work="$(mktemp -d /tmp/htxfund-heap.XXXXXX)"
trap 'rm -rf "$work"' EXIT
log "dumping the heap of $pid (RSS $(awk '/^VmRSS/{print $2 / 1024 " MiB"}' /proc/"$pid"/status))"
"$runtime_dir/createdump" --withheap -f "$work/app.dmp" "$pid" >/dev/null
dotnet build "$root/bench/HtxFund.HeapStats" -c Release --nologo -v quiet >/dev/null
dotnet "$root/bench/HtxFund.HeapStats/bin/Release/net10.0/HtxFund.HeapStats.dll" "$work/app.dmp" "$runtime_dir/libmscordaccore.so" "$@"
