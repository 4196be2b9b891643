#!/usr/bin/env bash
# trx_summary DIR|FILE... : sums ResultSummary/Counters of every TRX file (python3 stdlib), lists
# the failed tests and run errors, and prints as the very last line exactly
#     N passed, N failed[, N skipped]
# Returns 0 when something ran and nothing failed, 1 otherwise (also when a run aborted: host crash).
# passed = passed + passedButRunAborted; failed = failed + error + timeout + aborted;
# skipped = notExecuted + notRunnable + inconclusive.
# shellcheck shell=bash

if [[ -n "${HTXFUND_TRX_SH:-}" ]]; then return 0; fi
HTXFUND_TRX_SH=1
# shellcheck source=ops/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

trx_summary() {
  py3 - "$@" <<'PY'
import glob
import os
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def files(args):
    out = []
    for a in args:
        if os.path.isdir(a):
            out += sorted(glob.glob(os.path.join(a, "**", "*.trx"), recursive=True))
        elif os.path.isfile(a):
            out.append(a)
    return out


def main(argv):
    passed = failed = skipped = 0
    bad_files = 0
    failures = []
    for path in files(argv[1:]):
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as e:
            print(f"  {os.path.basename(path)}: unreadable TRX ({e})", file=sys.stderr)
            bad_files += 1
            continue
        c = root.find("t:ResultSummary/t:Counters", NS)
        rs = root.find("t:ResultSummary", NS)
        outcome = rs.get("outcome", "?") if rs is not None else "?"
        if c is None:
            print(f"  {os.path.basename(path)}: no counters", file=sys.stderr)
            bad_files += 1
            continue
        n = lambda k: int(c.get(k, "0") or 0)
        p = n("passed") + n("passedButRunAborted")
        f = n("failed") + n("error") + n("timeout") + n("aborted")
        s = n("notExecuted") + n("notRunnable") + n("inconclusive")
        # xunit's skipped tests appear as UnitTestResult outcome="NotExecuted" but not in the counters.
        s = max(s, sum(1 for r in root.iterfind(".//t:Results/t:UnitTestResult", NS)
                       if r.get("outcome") in ("NotExecuted", "NotRunnable", "Inconclusive")))
        passed += p
        failed += f
        skipped += s
        print(f"  {os.path.basename(path)}: {p} passed, {f} failed, {s} skipped (total {n('total')}, outcome {outcome})")
        for r in root.iterfind(".//t:Results/t:UnitTestResult", NS):
            if r.get("outcome") in ("Failed", "Error", "Timeout", "Aborted"):
                failures.append(r.get("testName"))
        run_failed = outcome not in ("Completed", "Passed", "Warning") and f == 0
        if run_failed:
            # A run that failed without a failed test: host crash, abort, timeout.
            bad_files += 1
            print(f"  {os.path.basename(path)}: the test run itself failed (outcome {outcome})")
        for ri in root.iterfind("t:ResultSummary/t:RunInfos/t:RunInfo", NS):
            if ri.get("outcome") in ("Error", "Failed", "Aborted"):
                text = (ri.findtext("t:Text", default="", namespaces=NS) or "").strip()
                if run_failed or "abort" in text.lower() or "crash" in text.lower():
                    print("  run error: " + "\n    ".join(text.splitlines()[:8])[:1500])
    if failures:
        print("Failed tests:")
        for name in failures[:200]:
            print(f"  - {name}")
        if len(failures) > 200:
            print(f"  ... and {len(failures) - 200} more")
    line = f"{passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    print(line)
    return 0 if (failed == 0 and bad_files == 0 and passed + failed > 0) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
PY
}
