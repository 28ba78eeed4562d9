-- wrk-report.lua: prints one machine-readable line when a wrk run ends.
--
-- Used by bench/article.sh. Only done() is defined: defining request() or
-- response() would make wrk call into Lua for every request (its slow path),
-- and then the benchmark would be measuring wrk, not the servers.
--
-- Output (one line, key=value, times in microseconds):
--   WRKREPORT requests=N duration_s=S rps=R bytes=B p50_us=.. p90_us=..
--             p99_us=.. max_us=.. err_connect=.. err_read=.. err_write=..
--             err_status=.. err_timeout=..
-- err_status counts responses with status >= 400 (wrk's definition of a
-- non-2xx error; 3xx would not show up here, article.sh checks the status of
-- the page with curl before and after the load).

done = function(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  local rps = 0
  if secs > 0 then rps = summary.requests / secs end
  io.write(string.format(
    "WRKREPORT requests=%d duration_s=%.3f rps=%.1f bytes=%d " ..
    "p50_us=%.0f p90_us=%.0f p99_us=%.0f max_us=%.0f " ..
    "err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d\n",
    summary.requests, secs, rps, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
