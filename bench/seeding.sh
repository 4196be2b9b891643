#!/usr/bin/env bash
# Seeding benchmark (not part of ops/test): for each size, a fresh PostgreSQL cluster with the dev cluster's
# settings (Debian defaults, durable: fsync and synchronous commit on), migrations, then
#   bench/seeding.sh [LOANS[,LOANS...]] [extra ops/seed options]      e.g. bench/seeding.sh 10000,100000
# runs the app's seed-portfolio verb (cooperatives = loans / 10, FUNDS funds (default 4), 36 months up to 2026-11-20) and
# prints one markdown table row per size: events, wall time of the verb, events/s, CPU of the app (user + sys) and of
# PostgreSQL (all its processes, user + sys), the app's peak memory, and the load average before and after.
# See docs/benchmarks.md "Seeding". Example: FUNDS=34 bench/seeding.sh 100000
set -euo pipefail
# shellcheck source=ops/lib/app.sh
source "$(dirname "${BASH_SOURCE[0]}")/../ops/lib/app.sh"
ensure_dotnet
sizes="${1:-10000}"
shift || true
app_build_if_needed >&2

# CPU seconds (user + sys, including reaped children) of the cluster's postmaster and its live children.
pg_cpu_seconds() {
  local pid="$1" tck total=0 p fields
  tck="$(getconf CLK_TCK)"
  fields=($(cut -d' ' -f14-17 "/proc/$pid/stat"))
  total=$(( fields[0] + fields[1] + fields[2] + fields[3] ))
  for p in $(pgrep -P "$pid"); do
    fields=($(cut -d' ' -f14-15 "/proc/$p/stat" 2>/dev/null || echo "0 0"))
    total=$(( total + fields[0] + fields[1] ))
  done
  awk -v t="$total" -v c="$tck" 'BEGIN { printf "%.1f", t / c }'
}

funds="${FUNDS:-4}"
printf '| funds | loans | cooperatives | events | seeding (verb, wall) | events/s | app CPU (user+sys) | PostgreSQL CPU | app peak RSS | load avg before → after |\n'
printf '|---|---|---|---|---|---|---|---|---|---|\n'
IFS=',' read -ra list <<<"$sizes"
for loans in "${list[@]}"; do
  cluster="$(mktemp -d /tmp/htxfund-seedbench-pg.XXXXXX)"
  # shellcheck disable=SC2064
  trap "pg_destroy '$cluster' >/dev/null 2>&1 || true" EXIT
  pg_start "$cluster" >/dev/null
  pg_create_db "$cluster" htxfund
  export HTXFUND_DB ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
  HTXFUND_DB="$(pg_conn "$cluster" htxfund)"
  app_verb migrate >/dev/null
  postmaster="$(head -n1 "$cluster/data/postmaster.pid")"
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  pg_before="$(pg_cpu_seconds "$postmaster")"
  out="$(mktemp)"
  (cd "$(dirname "$HTXFUND_DLL")" && /usr/bin/time -f '%e %U %S %M' -o "$out.time" dotnet "$HTXFUND_DLL" seed-portfolio \
      --funds "$funds" --cooperatives $(( loans / 10 )) --loans "$loans" --months 36 --until 2026-11-20 "$@" >"$out" 2>&1) \
    || { cat "$out" >&2; exit 1; }
  pg_after="$(pg_cpu_seconds "$postmaster")"
  load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
  read -r wall user sys rss < <(tail -n1 "$out.time")
  line="$(grep '^seeded ' "$out")"
  events="$(sed -E 's/.*: ([0-9]+) events in ([0-9.]+) s.*/\1/' <<<"$line")"
  seconds="$(sed -E 's/.*: ([0-9]+) events in ([0-9.]+) s.*/\2/' <<<"$line")"
  grep -E '^(seed|borrowers|  )' "$out" >&2 || true
  printf '| %s | %s | %s | %s | %s s (process %s s) | %s | %s s | %s s | %s MB | %s → %s |\n' "$funds" "$loans" $(( loans / 10 )) "$events" "$seconds" "$wall" \
    "$(awk -v e="$events" -v s="$seconds" 'BEGIN { printf "%.0f", e / s }')" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')" \
    "$(awk -v a="$pg_after" -v b="$pg_before" 'BEGIN { printf "%.1f", a - b }')" $(( rss / 1024 )) "$load_before" "$load_after"
  rm -f "$out" "$out.time"
  pg_destroy "$cluster" >/dev/null 2>&1 || true
  trap - EXIT
done
