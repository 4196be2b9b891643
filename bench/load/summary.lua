-- Shared by the wrk scripts: one machine-readable line at the end (latencies in microseconds).
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT\trequests=%d\tduration_us=%d\tstatus_errors=%d\tconnect_errors=%d\tread_errors=%d\twrite_errors=%d\ttimeouts=%d\tp50_us=%d\tp90_us=%d\tp99_us=%d\tmean_us=%.0f\tmax_us=%d\n",
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean, latency.max))
end
