#!/usr/bin/env python3
"""Server-side request times from the app's JSON request log (Serilog compact JSON, one line per request:
"HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed} ms").
Usage: serverlog.py LOG START_BYTE END_BYTE METHOD  -> prints "count p50_ms p99_ms" (requests of METHOD on /api/loans/, not those the client abandoned: 499)."""
import json, sys

def pct(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    k = max(0, min(len(values) - 1, int(round(p / 100.0 * len(values) + 0.5)) - 1))
    return values[k]

log, start, end, method = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
times = []
with open(log, "rb") as f:
    f.seek(start)
    chunk = f.read(max(0, end - start))
for line in chunk.splitlines():
    if not line.startswith(b"{"):
        continue
    try:
        e = json.loads(line)
    except ValueError:
        continue
    if e.get("RequestMethod") == method and str(e.get("RequestPath", "")).startswith("/api/loans/") and "Elapsed" in e and int(e.get("StatusCode", 0)) < 499:
        times.append(float(e["Elapsed"]))
print(f"{len(times)} {pct(times, 50):.2f} {pct(times, 99):.2f}")
