#!/usr/bin/env python3
"""Summary of a repayment profile (bench/load.sh --only profile): what the app sent to PostgreSQL while N repayments
were posted one at a time, from the app's JSON log (Npgsql at Debug: one "execution completed" line per round trip, a
batch's commands inside it) and from PostgreSQL's log (log_statement = all: one line per statement executed).
Usage: profile.py APP_LOG START END PG_LOG PG_START PG_END N  -> markdown on stdout."""
import collections, json, re, sys

app_log, a0, a1, pg_log, p0, p1, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])

def chunk(path, start, end):
    with open(path, "rb") as f:
        f.seek(start)
        return f.read(max(0, end - start)).decode("utf-8", "replace")

def shape(sql):
    sql = re.sub(r"\s+", " ", sql).strip()
    sql = re.sub(r"\$\d+", "?", sql)
    sql = re.sub(r"'[^']*'", "'…'", sql)
    return sql[:150]

trips = collections.Counter()
trip_ms = collections.defaultdict(float)
opened = 0
requests = []
for line in chunk(app_log, a0, a1).splitlines():
    if not line.startswith("{"):
        continue
    try:
        e = json.loads(line)
    except ValueError:
        continue
    ctx = str(e.get("SourceContext", ""))
    msg = str(e.get("@m", ""))
    if ctx.startswith("Npgsql"):
        if "execution completed" in msg:
            text = e.get("CommandText") or e.get("BatchCommands") or msg
            if isinstance(text, list):
                text = " ; ".join(str(t) for t in text)
            key = ("batch of %d: " % len(e["BatchCommands"]) if isinstance(e.get("BatchCommands"), list) else "") + shape(str(text))
            trips[key] += 1
            trip_ms[key] += float(e.get("DurationMs", 0) or 0)
        elif msg.startswith("Opened connection") or "Opened connection" in msg:
            opened += 1
    elif e.get("RequestMethod") == "POST" and "Elapsed" in e:
        requests.append(float(e["Elapsed"]))

statements = collections.Counter()
for line in chunk(pg_log, p0, p1).splitlines():
    m = re.search(r"LOG:  (?:statement|execute [^:]*): (.*)", line)
    if m:
        statements[shape(m.group(1))] += 1

total_trips = sum(trips.values())
total_statements = sum(statements.values())
print(f"- repayments posted: {n} (server times ms: {', '.join(f'{t:.1f}' for t in requests)})")
print(f"- round trips from the app (Npgsql executions, batches counted once): {total_trips} = **{total_trips / n:.1f} per repayment**; connections opened: {opened}")
print(f"- statements executed by PostgreSQL: {total_statements} = **{total_statements / n:.1f} per repayment**")
print("")
print("| round trips per repayment | ms per repayment (client) | command or batch |")
print("|---:|---:|---|")
for k, c in trips.most_common():
    print(f"| {c / n:.2f} | {trip_ms[k] / n:.2f} | `{k.replace('|', '/')}` |")
print("")
print("| statements per repayment | statement |")
print("|---:|---|")
for k, c in statements.most_common():
    print(f"| {c / n:.2f} | `{k.replace('|', '/')}` |")
