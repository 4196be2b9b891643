#!/usr/bin/env bash
# Shared helpers for the ops/ scripts. Source it; do not run it.
#   ensure_apt PKG...   install the Debian packages that are missing (one apt-get update per process)
#   ensure_dotnet       fail clearly when the .NET SDK is not on PATH
#   ensure_npm          install Debian's nodejs and npm when npm is missing (the build runs `npm ci` for Chart.js)
#   free_port           print a free TCP port on 127.0.0.1
#   repo_root           print the repository root
#   log / warn / die    messages on stderr
# shellcheck shell=bash

if [[ -n "${HTXFUND_COMMON_SH:-}" ]]; then return 0; fi
HTXFUND_COMMON_SH=1

log()  { printf '==> %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die()  { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

repo_root() {
  local here
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  (cd "$here/../.." && pwd)
}

# A python3 for small helpers (stdlib only): PATH first, then Debian's.
py3() {
  if command -v python3 >/dev/null 2>&1; then python3 "$@"
  elif [[ -x /usr/bin/python3 ]]; then /usr/bin/python3 "$@"
  else die "python3 is required (apt-get install python3)"; fi
}

# Run a command as root: directly when root, through sudo otherwise.
as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@" || sudo "$@"
  else die "need root (or sudo) to run: $*"; fi
}

# Prints the given packages that are not installed (dpkg status "install ok installed").
apt_missing() {
  local p st
  for p in "$@"; do
    st="$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)"
    [[ "$st" == "install ok installed" ]] || printf '%s\n' "$p"
  done
}

HTXFUND_APT_UPDATED="${HTXFUND_APT_UPDATED:-}"

# ensure_apt PKG... : installs only the missing packages. Returns non-zero when the install failed.
ensure_apt() {
  command -v dpkg-query >/dev/null 2>&1 || { warn "not a Debian system: cannot install $*"; return 1; }
  local missing
  mapfile -t missing < <(apt_missing "$@")
  [[ ${#missing[@]} -eq 0 ]] && return 0
  log "installing Debian packages: ${missing[*]}"
  local -a env=(env DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=a)
  local out; out="$(mktemp)"
  if [[ -z "$HTXFUND_APT_UPDATED" ]]; then
    if ! as_root "${env[@]}" apt-get update -qq >"$out" 2>&1 </dev/null; then
      tail -n 20 "$out" >&2; rm -f "$out"; warn "apt-get update failed"; return 1
    fi
    HTXFUND_APT_UPDATED=1; export HTXFUND_APT_UPDATED
  fi
  if ! as_root "${env[@]}" apt-get install -y -qq --no-install-recommends \
      -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
      "${missing[@]}" >"$out" 2>&1 </dev/null; then
    tail -n 40 "$out" >&2; rm -f "$out"; warn "apt-get install failed for: ${missing[*]}"; return 1
  fi
  rm -f "$out"
}

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    die "the .NET SDK (dotnet, version 10) is not on PATH. Install it (https://dot.net) and retry."
  fi
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
}

# The web project's build runs `npm ci` (Chart.js for the dashboard, src/HtxFund/package.json): Debian's nodejs and npm.
ensure_npm() {
  command -v npm >/dev/null 2>&1 && return 0
  ensure_apt nodejs npm || die "could not install nodejs and npm (the build installs Chart.js with npm ci)"
}

# True when nothing listens on 127.0.0.1:PORT.
port_is_free() {
  py3 - "$1" <<'PY'
import socket, sys
s = socket.socket()
# As PostgreSQL and Kestrel do: connections in TIME_WAIT do not make the port busy.
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
PY
}

# Prints a free loopback port chosen by the kernel (ephemeral range, random).
free_port() {
  py3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# npgsql_to_libpq "Host=..;Port=..;Database=..;Username=..;Password=.." -> "host=.. port=.. dbname=.. user=.. password=.."
npgsql_to_libpq() {
  py3 - "$1" <<'PY'
import sys
m = {"host": "host", "server": "host", "port": "port", "database": "dbname", "db": "dbname",
     "username": "user", "user id": "user", "userid": "user", "user": "user",
     "password": "password", "pwd": "password", "ssl mode": "sslmode", "sslmode": "sslmode"}
out = []
for part in sys.argv[1].split(";"):
    if "=" not in part:
        continue
    k, v = part.split("=", 1)
    k = m.get(k.strip().lower())
    if k:
        v = v.strip().replace("\\", "\\\\").replace("'", "\\'")
        out.append(f"{k}='{v}'")
print(" ".join(out))
PY
}
