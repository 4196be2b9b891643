#!/usr/bin/env bash
# Load test of the running app on loopback (issue 9, item 2), against pgbench on the same PostgreSQL, in one run.
#   bench/load.sh                       # the documented run: 20 s per step, 10-minute mixed run for memory
#   bench/load.sh --step 5 --mixed 60 --warmup 5   # a short try
# Options: --funds N (8) --cooperatives N (400) --loans N (2000) --months N (24) --levels 1,4,16,64 --step SECONDS (20)
#          --warmup SECONDS (30: repayments, then views, at 4 connections before the first step, so that the steps
#          measure the app's steady state rather than its JIT compiling: see docs/benchmarks.md)
#          --mixed SECONDS (600) --pgbench-scale N (= funds) --out DIR (artifacts/load/<UTC time>) --keep (leave the
#          cluster stopped in its /tmp folder) --only rebuild (seed, then only the projection rebuild: no app, no wrk,
#          no pgbench; for iterating on the rebuild, a few minutes with the build) --tree DIR (publish and build the app
#          and bench console of another checkout, e.g. an older commit's worktree, with this script's measurements:
#          bench/compare.sh runs a "before" and an "after" this way in one run)
#          --only profile (seed, start the app, warm up, then post --profile-requests N (20) repayments one at a time
#          with PostgreSQL logging every statement: statements and round trips per repayment, WAL bytes and rows
#          written per table, the stored documents' sizes (DIR/profile.md); with --trace SECONDS, instead of the
#          app's round trips (its Npgsql log), a sampled stack trace of the app under 4 connections of repayments
#          (dotnet-trace, installed with `dotnet tool install --tool-path /tmp/tools dotnet-trace`; DIR/trace.nettrace
#          and trace.speedscope.json, summarised by bench/load/stacks.py))
# Steps: installs wrk (Debian) when missing; publishes the app (ops/publish: Release, Production, pre-generated code);
# starts a throwaway PostgreSQL cluster with normal durability (fsync and synchronous_commit on, as pgbench expects);
# migrates; seeds a portfolio (`seed-portfolio`, history up to today); creates one accountant per fund
# (bench console `load-prepare`); runs the app (Production, JSON request log at Information) on a free loopback port;
# signs in (bearer tokens); then, per concurrency level, pgbench TPC-B-like, POST repayments (wrk), pgbench -S and
# GET loan views (wrk); the as-of view of a ~700-day loan at day 700 and day 30 and of a ~30-day loan; the monthly
# classification run over every fund (POST /api/classification-runs); a mixed run (repayments + views) sampling the
# app's RSS every 5 s; then, app stopped and the database brought to rest (checkpoint, vacuum), the loan view
# projection's rebuild against a raw SELECT of the same events (interleaved in one process: cold, then warm).
# Prints markdown tables (also in DIR/results.md). See docs/benchmarks.md.
set -euo pipefail
# shellcheck source=ops/lib/pg.sh
source "$(dirname "${BASH_SOURCE[0]}")/../ops/lib/pg.sh"

funds=8 cooperatives=400 loans=2000 months=24 levels=1,4,16,64 step=20 warmup=30 mixed=600 scale="" out="" keep=0 only= tree=
profile_requests=20 trace=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --funds) funds="$2"; shift 2 ;;
    --cooperatives) cooperatives="$2"; shift 2 ;;
    --loans) loans="$2"; shift 2 ;;
    --months) months="$2"; shift 2 ;;
    --levels) levels="$2"; shift 2 ;;
    --step) step="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --mixed) mixed="$2"; shift 2 ;;
    --pgbench-scale) scale="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --only) only="$2"; shift 2 ;;
    --tree) tree="$2"; shift 2 ;;
    --profile-requests) profile_requests="$2"; shift 2 ;;
    --trace) trace="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see bench/load.sh --help)" ;;
  esac
done
scale="${scale:-$funds}"
[[ -z "$only" || "$only" == rebuild || "$only" == profile ]] || die "--only takes: rebuild, profile"

ensure_dotnet
[[ -n "$only" ]] || command -v wrk >/dev/null 2>&1 || ensure_apt wrk || die "could not install wrk"
command -v curl >/dev/null 2>&1 || ensure_apt curl || die "curl is required"
ensure_apt fonts-dejavu-core libharfbuzz0b libharfbuzz-subset0 || die "could not install the fonts and HarfBuzz the PDFs need"
root="$(repo_root)"
here="$root/bench/load"
if [[ -n "$tree" ]]; then root="$(cd "$tree" && pwd)"; fi   # the code measured; the scripts stay this checkout's
out="${out:-$root/artifacts/load/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
publish="$root/artifacts/load-publish"
mkdir -p "$root/artifacts"
cluster="$(mktemp -d /tmp/htxfund-load-pg.XXXXXX)"
app_pid="" sampler_pid=""
results="$out/results.md"
: >"$results"

# shellcheck disable=SC2317  # invoked by trap
cleanup() {
  if [[ -n "$sampler_pid" ]]; then kill "$sampler_pid" 2>/dev/null || true; fi
  if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill -TERM "$app_pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$app_pid" 2>/dev/null || true
  fi
  if (( keep )); then pg_stop "$cluster" >/dev/null 2>&1 || true; log "cluster kept (stopped) in $cluster"
  else pg_destroy "$cluster" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '%s\n' "$*" | tee -a "$results"; }
load_avg() { cut -d' ' -f1-3 /proc/loadavg; }
kv() { sed -n "s/.*[[:space:]]$2=\([^[:space:]]*\).*/\1/p" <<<"$1"; }

log "results in $out"
say "## Load test, $(date -u '+%Y-%m-%d %H:%M UTC')"
say ""
say "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
say "- .NET $(dotnet --version), PostgreSQL $("$(pg_bindir)/postgres" --version | awk '{print $3}'), wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}' || true), commit $(git -C "$root" describe --always --dirty)"
say "- portfolio: $funds funds, $cooperatives cooperatives, $loans loans, $months months of history up to today; pgbench scale $scale; $step s per step; mixed run $mixed s"
say "- load average at start: $(load_avg)"

# --- build --------------------------------------------------------------------------------------------------------
log "publishing the app (Release, Production)"
"$root/ops/publish" "$publish" >"$out/publish.log" 2>&1 || { tail -n 30 "$out/publish.log" >&2; die "publish failed"; }
log "building the bench console"
dotnet build "$root/bench/HtxFund.Benchmarks" -c Release --nologo -v quiet -tl:off "-clp:NoSummary;ErrorsOnly" >"$out/bench-build.log" 2>&1 \
  || { tail -n 30 "$out/bench-build.log" >&2; die "bench build failed"; }

# --- database -----------------------------------------------------------------------------------------------------
pg_start "$cluster" >/dev/null       # normal durability: fsync on, synchronous_commit on
pg_create_db "$cluster" htxfund
pg_create_db "$cluster" pgbench
export HTXFUND_DB; HTXFUND_DB="$(pg_conn "$cluster" htxfund)"
pgport="$(pg_port "$cluster")"
say "- PostgreSQL settings: $(pg_psql "$cluster" -XtAq -c "select string_agg(name || '=' || setting, ', ' order by name) from pg_settings where name in ('fsync','synchronous_commit','shared_buffers','max_connections','full_page_writes')")"

app() { (cd "$publish" && ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production dotnet HtxFund.dll "$@"); }
log "migrating"
app migrate >"$out/migrate.log" 2>&1 || { tail -n 30 "$out/migrate.log" >&2; die "migrate failed"; }
log "seeding $loans loans"
seed_start=$SECONDS
app seed-portfolio --funds "$funds" --cooperatives "$cooperatives" --loans "$loans" --months "$months" >"$out/seed.log" 2>&1 \
  || { tail -n 30 "$out/seed.log" >&2; die "seeding failed"; }
say "- seeding: $(tail -n 1 "$out/seed.log") (wall $((SECONDS - seed_start)) s)"
log "preparing users and loan lists"
password="Tai-thu-2026"
(cd "$root" && ASPNETCORE_ENVIRONMENT=Development dotnet bench/HtxFund.Benchmarks/bin/Release/net10.0/HtxFund.Benchmarks.dll \
  load-prepare --out "$out" --password "$password") >"$out/prepare.log" 2>&1 || { tail -n 30 "$out/prepare.log" >&2; die "prepare failed"; }
events_total="$(pg_psql "$cluster" -d htxfund -XtAq -c 'select count(*) from htxfund.mt_events')"
say "- events in the store after seeding: $events_total; active loans used by the load: $(wc -l <"$out/loans.tsv")"

# --- app (everything up to the rebuild is skipped with --only rebuild) ---------------------------------------------
if [[ "$only" != rebuild ]]; then
port="$(free_port)"
url="http://127.0.0.1:$port"
log "starting the app on $url"
# profile: one log line per round trip (not while tracing: the logging would be most of the CPU traced)
npgsql_level=Warning; [[ "$only" == profile && "$trace" == 0 ]] && npgsql_level=Debug
(cd "$publish" && ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production Serilog__MinimumLevel__Override__Npgsql="$npgsql_level" \
  HtxFund__Security__LoginPermitsPerMinute=1000 exec dotnet HtxFund.dll --urls "$url") >"$out/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null --max-time 5 "$url/health/ready" 2>/dev/null && break
  kill -0 "$app_pid" 2>/dev/null || { tail -n 30 "$out/app.log" >&2; die "the app exited"; }
  sleep 1
done
curl -fsS -o /dev/null "$url/health/ready" || die "the app was not ready"

today="$(TZ=Asia/Ho_Chi_Minh date +%F)"
{
  echo "return {"
  echo "  today = \"$today\","
  echo "  tokens = {"
  while IFS=$'\t' read -r fund user; do
    token="$(curl -fsS -H 'Content-Type: application/json' -d "{\"userName\":\"$user\",\"password\":\"$password\"}" "$url/api/auth/login" \
      | py3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')" || die "login failed for $user"
    echo "    [\"$fund\"] = \"$token\","
  done <"$out/users.tsv"
  echo "  },"
  echo "  loans = {"
  awk -F'\t' '{ printf "    { \"%s\", \"%s\" },\n", $1, $2 }' "$out/loans.tsv"
  echo "  },"
  echo "}"
} >"$out/data.lua"
export HTXLOAD_LIB="$here/summary.lua"
run_id="$(date -u +%H%M%S)"

# cpu_ticks PID...: user+system clock ticks used so far by the processes (and, for PostgreSQL, its live backends)
cpu_ticks() { local t=0 p; for p in "$@"; do [[ -r /proc/$p/stat ]] && t=$(( t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0) )); done; echo "$t"; }
pg_pids() { local pm; pm="$(head -n 1 "$cluster/data/postmaster.pid")"; echo "$pm $(pgrep -P "$pm" | tr '\n' ' ')"; }
# wrk_run NAME CONNECTIONS SECONDS SCRIPT [script args]: prints the RESULT line; server-side times from the log;
# app_cpu_ticks / pg_cpu_ticks: CPU used by the app and by PostgreSQL (postmaster and backends) during the step.
wrk_run() {
  local name="$1" c="$2" d="$3" script="$4"; shift 4
  local threads=$(( c < 2 ? c : 2 )) start end line server app0 app1 pg0 pg1 pids
  start="$(stat -c %s "$out/app.log")"
  pids="$(pg_pids)"
  # shellcheck disable=SC2086
  app0="$(cpu_ticks "$app_pid")" pg0="$(cpu_ticks $pids)"
  line="$(wrk -t"$threads" -c"$c" -d"${d}s" --timeout 30s -s "$here/$script" "$url" -- "$out/data.lua" "$@" 2>&1 | tee "$out/wrk-$name.txt" | grep '^RESULT' || true)"
  # shellcheck disable=SC2086
  app1="$(cpu_ticks "$app_pid")" pg1="$(cpu_ticks $pids)"
  sleep 0.5
  end="$(stat -c %s "$out/app.log")"
  server="$(py3 "$here/serverlog.py" "$out/app.log" "$start" "$end" "$( [[ $script == repayments.lua ]] && echo POST || echo GET )")"
  printf '%s\tserver=%s\tapp_cpu_ticks=%s\tpg_cpu_ticks=%s\n' "$line" "${server// /,}" "$((app1 - app0))" "$((pg1 - pg0))"
}
# pgbench_run MODE CLIENTS SECONDS: prints tps (excluding connection time)
pgbench_run() {
  local mode="$1" c="$2" d="$3" threads=$(( $2 < 2 ? $2 : 2 ))
  local -a extra=(); [[ "$mode" == select ]] && extra=(-S)
  PGHOST=127.0.0.1 PGPORT="$pgport" PGUSER=postgres "$(pg_bindir)/pgbench" "${extra[@]}" -n -c "$c" -j "$threads" -T "$d" pgbench \
    >"$out/pgbench-$mode-$c.txt" 2>&1
  sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$out/pgbench-$mode-$c.txt" | tail -n 1
}
# fmt_wrk RESULT: "rps p50 p99 server_p50 server_p99 errors requests app_cpu_ms_per_request pg_cpu_ms_per_request"
fmt_wrk() {
  py3 - "$1" <<'PY'
import sys
f = dict(p.split("=", 1) for p in sys.argv[1].split("\t") if "=" in p)
req, dur = int(f["requests"]), int(f["duration_us"]) / 1e6
errs = sum(int(f[k]) for k in ("status_errors", "connect_errors", "read_errors", "write_errors", "timeouts"))
n, s50, s99 = f["server"].split(",")
tick_ms = 1000 / 100  # USER_HZ
app_cpu = int(f.get("app_cpu_ticks", 0)) * tick_ms / max(req, 1)
pg_cpu = int(f.get("pg_cpu_ticks", 0)) * tick_ms / max(req, 1)
print(f"{req / dur:.1f} {int(f['p50_us']) / 1000:.2f} {int(f['p99_us']) / 1000:.2f} {s50} {s99} {errs} {req} {app_cpu:.2f} {pg_cpu:.2f}")
PY
}

# profile_repayments: --only profile (see the header); writes DIR/profile.md
profile_repayments() {
  local n="$profile_requests" pglog="$cluster/server.log" a0 a1 p0 p1 lsn0 lsn1 fund id token i
  local sql="select relname, n_tup_ins, n_tup_upd, n_tup_del, n_tup_hot_upd from pg_stat_user_tables where schemaname in ('htxfund','wolverine') order by relname"
  pg_psql "$cluster" -XtAq -c "alter system set log_statement = 'all'" -c "select pg_reload_conf()" >/dev/null
  IFS=$'\t' read -r fund id _ <"$out/loans.tsv"
  token="$(sed -n "s/.*\[\"$fund\"\] = \"\([^\"]*\)\".*/\1/p" "$out/data.lua")"
  sleep 1   # PostgreSQL applies the reloaded settings at its next command; the statistics below are flushed each second
  pg_psql "$cluster" -d htxfund -XtAq -F $'\t' -c "$sql" >"$out/profile-tables-before.tsv"
  lsn0="$(pg_psql "$cluster" -XtAq -c "select pg_current_wal_lsn()")"
  a0="$(stat -c %s "$out/app.log")" p0="$(stat -c %s "$pglog")"
  for i in $(seq 1 "$n"); do
    curl -fsS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -H "Idempotency-Key: prof-$run_id-$i" \
      -d "{\"amount\":10000,\"valueDate\":\"$today\",\"channel\":\"BankTransfer\",\"bankReference\":\"PF-$run_id-$i\"}" \
      "$url/api/loans/$id/repayments" || die "profile repayment $i failed"
  done
  lsn1="$(pg_psql "$cluster" -XtAq -c "select pg_current_wal_lsn()")"
  sleep 1.5
  a1="$(stat -c %s "$out/app.log")" p1="$(stat -c %s "$pglog")"
  pg_psql "$cluster" -d htxfund -XtAq -F $'\t' -c "$sql" >"$out/profile-tables-after.tsv"
  pg_psql "$cluster" -XtAq -c "alter system reset log_statement" -c "select pg_reload_conf()" >/dev/null
  {
    echo "### Profile of a repayment: $n repayments of one loan ($id), posted one at a time after the warm-up"
    echo ""
    py3 "$here/profile.py" "$out/app.log" "$a0" "$a1" "$pglog" "$p0" "$p1" "$n"
    echo ""
    echo "- WAL written: $(pg_psql "$cluster" -XtAq -c "select pg_wal_lsn_diff('$lsn1', '$lsn0')") bytes = **$(pg_psql "$cluster" -XtAq -c "select round(pg_wal_lsn_diff('$lsn1', '$lsn0') / $n)") bytes per repayment**"
    echo ""
    echo "| table | rows inserted / updated / deleted per repayment (HOT updates) |"
    echo "|---|---|"
    join -t $'\t' "$out/profile-tables-before.tsv" "$out/profile-tables-after.tsv" | awk -F'\t' -v n="$n" \
      '{ i=($6-$2)/n; u=($7-$3)/n; d=($8-$4)/n; h=($9-$5)/n; if (i+u+d > 0) printf "| %s | %.2f / %.2f / %.2f (%.2f) |\n", $1, i, u, d, h }'
    echo ""
    echo "| stored row | bytes (data column, average over the table; the loan profiled) |"
    echo "|---|---|"
    pg_psql "$cluster" -d htxfund -XtAq -F ' | ' -c "
      select 'mt_doc_loan', round(avg(pg_column_size(data))), (select pg_column_size(data) from htxfund.mt_doc_loan where id = '$id') from htxfund.mt_doc_loan
      union all select 'mt_doc_loandetails', round(avg(pg_column_size(data))), (select pg_column_size(data) from htxfund.mt_doc_loandetails where id = '$id') from htxfund.mt_doc_loandetails
      union all select 'mt_events (repayment events)', round(avg(pg_column_size(data))), null from htxfund.mt_events where type like '%repayment%'
      union all select 'mt_doc_idempotencyrecord', round(avg(pg_column_size(data))), null from htxfund.mt_doc_idempotencyrecord" | sed 's/^/| /; s/$/ |/'
    echo ""
    echo "- uncompressed JSON of the loan profiled: mt_doc_loan $(pg_psql "$cluster" -d htxfund -XtAq -c "select length(data::text) from htxfund.mt_doc_loan where id = '$id'") chars, mt_doc_loandetails $(pg_psql "$cluster" -d htxfund -XtAq -c "select length(data::text) from htxfund.mt_doc_loandetails where id = '$id'") chars"
  } >"$out/profile.md"
  if (( trace > 0 )); then
    log "tracing the app for $trace s under 4 connections of repayments"
    /tmp/tools/dotnet-trace collect -p "$app_pid" --profile dotnet-sampled-thread-time --format Speedscope \
      --duration "00:00:00:$(printf '%02d' "$trace")" -o "$out/trace.nettrace" >"$out/trace.log" 2>&1 &
    local tp=$!
    wrk_run trace-post 4 "$trace" repayments.lua "t$run_id" >/dev/null
    wait "$tp" || warn "dotnet-trace failed: see $out/trace.log"
  fi
  cat "$out/profile.md" | tee -a "$results"
}

log "pgbench -i -s $scale"
PGHOST=127.0.0.1 PGPORT="$pgport" PGUSER=postgres "$(pg_bindir)/pgbench" -i -q -s "$scale" pgbench >"$out/pgbench-init.txt" 2>&1
log "warming up ($warmup s each)"
wrk_run warm-post 4 "$warmup" repayments.lua "w$run_id" >/dev/null
wrk_run warm-get 4 "$warmup" views.lua >/dev/null
if [[ "$only" == profile ]]; then profile_repayments; log "done: $results"; exit 0; fi

say ""
say "### Throughput and latency by concurrency (load average before: $(load_avg))"
say ""
say "| connections | pgbench TPC-B tps | POST repayments req/s | ratio to TPC-B | p50 ms | p99 ms | p99/p50 | server p50 / p99 ms | errors | CPU ms per repayment: app / PostgreSQL | pgbench -S tps | GET views req/s | ratio to -S | p50 ms | p99 ms | server p50 / p99 ms | errors | load avg |"
say "|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---:|---:|---:|---:|---:|---|---:|---|"
IFS=',' read -r -a level_list <<<"$levels"
for c in "${level_list[@]}"; do
  log "concurrency $c: pgbench TPC-B"
  tpcb="$(pgbench_run tpcb "$c" "$step")"
  log "concurrency $c: POST repayments"
  read -r prps pp50 pp99 ps50 ps99 perr _ pappcpu ppgcpu <<<"$(fmt_wrk "$(wrk_run "post-$c" "$c" "$step" repayments.lua "r$run_id-c$c")")"
  log "concurrency $c: pgbench -S"
  sel="$(pgbench_run select "$c" "$step")"
  log "concurrency $c: GET views"
  read -r grps gp50 gp99 gs50 gs99 gerr _ <<<"$(fmt_wrk "$(wrk_run "get-$c" "$c" "$step" views.lua)")"
  say "| $c | $tpcb | $prps | $(py3 -c "print(f'{$prps/$tpcb:.3f}')") | $pp50 | $pp99 | $(py3 -c "print(f'{$pp99/$pp50:.1f}')") | $ps50 / $ps99 | $perr | $pappcpu / $ppgcpu | $sel | $grps | $(py3 -c "print(f'{$grps/$sel:.3f}')") | $gp50 | $gp99 | $gs50 / $gs99 | $gerr | $(load_avg) |"
done

# --- as-of views --------------------------------------------------------------------------------------------------
IFS=$'\t' read -r _ ofund oid oevents ofirst oage oday30 < <(grep '^old' "$out/asof.tsv")
IFS=$'\t' read -r _ yfund yid yevents yfirst yage _ < <(grep '^young' "$out/asof.tsv")
say ""
say "### As-of loan view, one connection, $step s each (load average before: $(load_avg))"
say ""
say "| view | events in the stream | req/s | client p50 ms | client p99 ms | server p50 ms | server p99 ms |"
say "|---|---:|---:|---:|---:|---:|---:|"
asof_row() {
  local label="$1" name="$2" fund="$3" id="$4" date="$5" events="$6"
  read -r rps p50 p99 s50 s99 _ <<<"$(fmt_wrk "$(wrk_run "$name" 1 "$step" one-view.lua "$fund" "$id" "$date")")"
  say "| $label | $events | $rps | $p50 | $p99 | $s50 | $s99 |"
  printf '%s %s\n' "$p50" "$s50" >"$out/asof-$name.txt"
}
asof_row "loan first disbursed $ofirst ($oage days ago), as of today (day $oage)" asof-old-today "$ofund" "$oid" "$today" "$oevents"
asof_row "the same loan as of $oday30 (day 30)" asof-old-day30 "$ofund" "$oid" "$oday30" "$oevents"
asof_row "loan first disbursed $yfirst ($yage days ago), as of today (day $yage)" asof-young-today "$yfund" "$yid" "$today" "$yevents"
read -r c700 s700 <"$out/asof-asof-old-today.txt"
read -r c30 s30 <"$out/asof-asof-old-day30.txt"
read -r cy sy <"$out/asof-asof-young-today.txt"
say ""
say "- day-$oage / day-30 of the same loan: client p50 $(py3 -c "print(f'{$c700/$c30:.2f}')"), server p50 $(py3 -c "print(f'{$s700/$s30:.2f}')")"
say "- ~700-day loan / ~30-day loan, both as of today: client p50 $(py3 -c "print(f'{$c700/$cy:.2f}')"), server p50 $(py3 -c "print(f'{$s700/$sy:.2f}')")"

# --- monthly classification run -----------------------------------------------------------------------------------
month="$(py3 -c "import datetime; d=datetime.date.fromisoformat('$today').replace(day=1)-datetime.timedelta(days=1); print(d.strftime('%Y-%m'))")"
say ""
say "### Monthly classification run $month over the seeded portfolio (POST /api/classification-runs, load average before: $(load_avg))"
say ""
say "| fund | loans classified | seconds |"
say "|---|---:|---:|"
total_run=0
while IFS=$'\t' read -r fund _; do
  token="$(sed -n "s/.*\[\"$fund\"\] = \"\([^\"]*\)\".*/\1/p" "$out/data.lua")"
  t0="$(date +%s.%N)"
  body="$(curl -sS --max-time 600 -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -H "Idempotency-Key: cls-$run_id-$fund" \
    -d "{\"month\":\"$month\"}" "$url/api/classification-runs")"
  t1="$(date +%s.%N)"
  secs="$(py3 -c "print(f'{$t1-$t0:.2f}')")"
  done_count="$(py3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(str(d.get("done", "?")) + "/" + str(d.get("total", "?")))' "$body" 2>/dev/null || echo "?")"
  say "| $fund | $done_count | $secs |"
  total_run="$(py3 -c "print(f'{$total_run+$secs:.2f}')")"
done <"$out/users.tsv"
say "| all | | $total_run |"

# --- mixed run, memory --------------------------------------------------------------------------------------------
log "mixed run for $mixed s (repayments 8 connections + views 8 connections), sampling RSS every 5 s"
(
  while kill -0 "$app_pid" 2>/dev/null; do
    printf '%s %s\n' "$(date +%s)" "$(awk '/^VmRSS/{print $2}' "/proc/$app_pid/status" 2>/dev/null)"
    sleep 5
  done
) >"$out/rss.txt" &
sampler_pid=$!
mixed_start="$(date +%s)"
load_before="$(load_avg)"
wrk_run mixed-post 8 "$mixed" repayments.lua "m$run_id" >"$out/mixed-post.result" &
mp=$!
wrk_run mixed-get 8 "$mixed" views.lua >"$out/mixed-get.result" &
mg=$!
wait "$mp" "$mg"
mixed_end="$(date +%s)"
kill "$sampler_pid" 2>/dev/null || true; sampler_pid=""
read -r mprps mpp50 mpp99 _ _ mperr _ <<<"$(fmt_wrk "$(cat "$out/mixed-post.result")")"
read -r mgrps mgp50 mgp99 _ _ mgerr _ <<<"$(fmt_wrk "$(cat "$out/mixed-get.result")")"
say ""
say "### Mixed run, $mixed s: 8 connections posting repayments and 8 reading views at once (load average before: $load_before, after: $(load_avg))"
say ""
say "| | req/s | p50 ms | p99 ms | errors |"
say "|---|---:|---:|---:|---:|"
say "| POST repayments | $mprps | $mpp50 | $mpp99 | $mperr |"
say "| GET views | $mgrps | $mgp50 | $mgp99 | $mgerr |"
say ""
say "$(py3 - "$out/rss.txt" "$mixed_start" "$mixed_end" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]) if len(l.split()) == 2]
start, end = int(sys.argv[2]), int(sys.argv[3])
s = [(int(t) - start, int(k) / 1024) for t, k in rows if start <= int(t) <= end]
if not s:
    print("- RSS: no samples"); sys.exit()
mins = max(1, len(s) // 10)
first, last = s[:mins], s[-mins:]
avg = lambda xs: sum(v for _, v in xs) / len(xs)
print(f"- app RSS during the mixed run ({len(s)} samples every 5 s): min {min(v for _, v in s):.0f} MiB, max {max(v for _, v in s):.0f} MiB; "
      f"first tenth average {avg(first):.0f} MiB, last tenth average {avg(last):.0f} MiB (drift {avg(last) - avg(first):+.0f} MiB)")
print("- RSS samples (s: MiB): " + ", ".join(f"{t}: {v:.0f}" for t, v in s[::max(1, len(s) // 20)]))
PY
)"

fi # --only

# --- projection rebuild -------------------------------------------------------------------------------------------
if [[ -n "$app_pid" ]]; then
  log "stopping the app"
  kill -TERM "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
fi
log "rebuilding the loan view projection (load average: $(load_avg))"
say ""
say "- load average before the rebuild: $(load_avg)"
line="$(cd "$root" && { ASPNETCORE_ENVIRONMENT=Development dotnet bench/HtxFund.Benchmarks/bin/Release/net10.0/HtxFund.Benchmarks.dll load-rebuild --repeat 4 2>"$out/rebuild.err" | tee "$out/rebuild.log" | grep '^rebuild' || true; })"
[[ -n "$line" ]] || { tail -n 30 "$out/rebuild.err" >&2; die "rebuild failed"; }
say ""
say "### Projection rebuild (loan view, inline projection, rebuilt by Marten's daemon; load average after: $(load_avg))"
say ""
say "| events | payload MB | raw SELECT median (first) s | raw events/s | rebuild warm (median) s | events/s | warm rebuild / raw rate | rebuild cold s | events/s | cold rebuild / raw rate | Marten typed read of all events: events/s (events) |"
say "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
say "| $(kv "$line" events) | $(kv "$line" mb) | $(kv "$line" raw_warm_s) ($(kv "$line" raw_cold_s)) | $(kv "$line" raw_events_per_s) | $(kv "$line" warm_rebuild_s) | $(kv "$line" warm_rebuild_events_per_s) | **$(kv "$line" warm_ratio)** | $(kv "$line" rebuild_s) | $(kv "$line" rebuild_events_per_s) | $(kv "$line" ratio) | $(kv "$line" typed_events_per_s) ($(kv "$line" typed_events)) |"
say ""
say "- measured as the raw read is, in one process, on a database brought to rest first (checkpoint, vacuum): one raw read, then four times a rebuild followed by a raw read. Cold: the first rebuild (the JIT still compiling the code it runs); warm: the median of the other three; both against the median of the raw reads after the first. Every rebuild in order: $(kv "$line" runs) s; every raw read: $(kv "$line" raws) s"
say ""
say "- load average at the end: $(load_avg)"
log "done: $results"
