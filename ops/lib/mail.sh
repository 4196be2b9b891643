#!/usr/bin/env bash
# The local mail sink of ops/run: a real SMTP server on loopback (ops/lib/smtp_sink.py, Debian's python3-aiosmtpd)
# that keeps every message in .data/mail; the Development page /quan-tri/hop-thu (API GET /api/dev/mail) lists them.
#   mail_sink_start FOLDER PORT   starts it (installs python3-aiosmtpd when missing), waits for "ready", and exports
#                                 the app's mail settings (HtxFund__Smtp__*) and HtxFund__MailSink__Folder to it
#   mail_sink_stop                stops the sink this shell started (by its pid), nothing else
#   mail_sink_running PID         whether that process still runs (an exited one not yet reaped does not count)
# shellcheck shell=bash

if [[ -n "${HTXFUND_MAIL_SH:-}" ]]; then return 0; fi
HTXFUND_MAIL_SH=1
# shellcheck source=ops/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

HTXFUND_MAIL_SINK_SCRIPT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/smtp_sink.py"
# The pid of the sink mail_sink_start started ("" when none).
HTXFUND_MAIL_SINK_PID=""

mail_sink_start() {
  local folder="$1" port="$2" log deadline
  ensure_apt python3-aiosmtpd || die "could not install python3-aiosmtpd (the local mail sink)"
  port_is_free "$port" || die "port $port is in use on 127.0.0.1 (set HTXFUND_MAIL_PORT to another port for the mail sink)"
  mkdir -p "$folder"
  folder="$(cd "$folder" && pwd)"
  log="$folder/../mail-sink.log"
  /usr/bin/python3 "$HTXFUND_MAIL_SINK_SCRIPT" "$port" "$folder" --until-signal >"$log" 2>&1 &
  HTXFUND_MAIL_SINK_PID=$!
  deadline=$(( SECONDS + 30 ))
  until grep -qx ready "$log" 2>/dev/null; do
    if ! mail_sink_running "$HTXFUND_MAIL_SINK_PID"; then
      HTXFUND_MAIL_SINK_PID=""
      cat "$log" >&2
      die "the mail sink did not start"
    fi
    (( SECONDS < deadline )) || die "the mail sink was not ready within 30 s (log: $log)"
    sleep 0.2
  done
  export HtxFund__Smtp__Host=127.0.0.1 HtxFund__Smtp__Port="$port" HtxFund__Smtp__Security=None \
         HtxFund__Smtp__UserName="" HtxFund__Smtp__Password="" HtxFund__MailSink__Folder="$folder"
  log "mail sink on smtp://127.0.0.1:$port writing to $folder"
}

mail_sink_running() {
  local _pid _comm state
  [[ -r "/proc/$1/stat" ]] || return 1
  read -r _pid _comm state _ <"/proc/$1/stat" 2>/dev/null || return 1
  [[ "$state" != Z && "$state" != X ]]
}

mail_sink_stop() {
  local pid="$HTXFUND_MAIL_SINK_PID" deadline
  [[ -n "$pid" ]] || return 0
  HTXFUND_MAIL_SINK_PID=""
  kill -TERM "$pid" 2>/dev/null || return 0
  deadline=$(( SECONDS + 10 ))
  while mail_sink_running "$pid" && (( SECONDS < deadline )); do sleep 0.2; done
  if mail_sink_running "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  wait "$pid" 2>/dev/null || true
}
