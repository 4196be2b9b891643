#!/usr/bin/env python3
"""Where the app's threads spend their time, from a dotnet-trace speedscope file (bench/load.sh --only profile --trace):
the thread-time samples in managed code (innermost pseudo-frame CPU_TIME; UNMANAGED_CODE_TIME is waits and native code,
GC and socket calls included) are the app's managed CPU.
Usage: stacks.py TRACE.speedscope.json [TOP] -> markdown on stdout: inclusive share by frame, exclusive share by leaf."""
import collections, json, re, sys

data = json.load(open(sys.argv[1]))
top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
frames = [f["name"] for f in data["shared"]["frames"]]

stacks = collections.Counter()
for p in data["profiles"]:
    if p.get("type") == "sampled":
        for s, w in zip(p["samples"], p["weights"]):
            stacks[tuple(s)] += w
    else:  # evented: open/close events with times
        open_stack, last = [], None
        for ev in p["events"]:
            if last is not None and open_stack:
                stacks[tuple(open_stack)] += ev["at"] - last
            last = ev["at"]
            if ev["type"] == "O":
                open_stack.append(ev["frame"])
            elif open_stack:
                open_stack.pop()

busy = {s[:-1]: w for s, w in stacks.items() if len(s) > 1 and frames[s[-1]] == "CPU_TIME"}
total = sum(busy.values()) or 1
incl, excl = collections.Counter(), collections.Counter()
for s, w in busy.items():
    for f in set(s):
        incl[frames[f]] += w
    excl[frames[s[-1]]] += w

def short(name):
    name = re.sub(r"\(.*\)", "()", name)
    return name[-150:].replace("|", "/")

print(f"- managed CPU: {total / 1000:.1f} s of {sum(stacks.values()) / 1000:.1f} thread-seconds sampled (the rest: waits and native code)")
print("")
print("| inclusive % of managed CPU | frame |")
print("|---:|---|")
for name, w in incl.most_common(top * 3):
    if re.search(r"HtxFund|Marten|Wolverine|Npgsql|System\.Text\.Json|Serilog|JasperFx|Weasel|NodaTime|Microsoft\.AspNetCore\.(Authentication|Authorization|Routing|Server\.Kestrel\.Core\.Internal\.Http\.HttpProtocol\.ProcessRequests)|GC|Lending", name):
        print(f"| {100 * w / total:.1f} | `{short(name)}` |")
        top -= 1
        if top == 0:
            break
print("")
print("| exclusive % of managed CPU | leaf frame |")
print("|---:|---|")
for name, w in excl.most_common(25):
    print(f"| {100 * w / total:.1f} | `{short(name)}` |")
