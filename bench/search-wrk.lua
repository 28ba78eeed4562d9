-- search-wrk.lua: wrk cycles through a list of search queries.
--
-- Used by bench/search.sh:
--   wrk -t2 -c8 -d10s --latency -s bench/search-wrk.lua URL -- QUERYFILE 2
-- QUERYFILE holds one URL-encoded query per line (bench/search-queries.py
-- writes them); the 2 is wrk's -t (the number of threads). Every request
-- is GET /api/v1/search?q=<line>&page=1&per_page=10, the lines taken in
-- order, wrapping around. Each wrk thread starts at its
-- own offset (thread k of T at line (k-1)*N/T + 1), so the threads do not
-- ask the same query at the same moment; the connections of one thread take
-- the lines in turn.
--
-- Unlike wrk-report.lua this has to define request() (a different path per
-- request) and response() (to count non-200 answers: wrk's own
-- errors.status only counts >= 400), so wrk calls into Lua for every
-- request. That costs wrk some CPU per request; a search request costs the
-- server far more, and the requests are formatted once, in init().
--
-- Output when the run ends (one line, key=value, times in microseconds),
-- the same keys as wrk-report.lua plus non200 and queries:
--   WRKREPORT requests=N duration_s=S rps=R bytes=B p50_us=.. p90_us=..
--             p99_us=.. max_us=.. err_connect=.. err_read=.. err_write=..
--             err_status=.. err_timeout=.. non200=N queries=N

local threads = {}
local nthreads = 0

setup = function(thread)
  nthreads = nthreads + 1
  thread:set("tid", nthreads)
  table.insert(threads, thread)
end

local reqs = {}
local pos = 1
non200 = 0
nqueries = 0

init = function(args)
  local file = args[1]
  if not file then
    io.stderr:write("search-wrk.lua: give the query file after --\n")
    os.exit(2)
  end
  local f = io.open(file, "r")
  if not f then
    io.stderr:write("search-wrk.lua: cannot open " .. file .. "\n")
    os.exit(2)
  end
  for line in f:lines() do
    if line ~= "" then
      reqs[#reqs + 1] = wrk.format("GET", "/api/v1/search?q=" .. line .. "&page=1&per_page=10")
    end
  end
  f:close()
  if #reqs == 0 then
    io.stderr:write("search-wrk.lua: no queries in " .. file .. "\n")
    os.exit(2)
  end
  nqueries = #reqs
  -- tid is 1..T (set in setup()); T comes after the file name, because
  -- each thread's Lua state cannot see how many threads there are
  local t = tid or 1
  local nt = tonumber(args[2]) or 2
  pos = math.floor((t - 1) * #reqs / nt) % #reqs + 1
end

request = function()
  local r = reqs[pos]
  pos = pos + 1
  if pos > #reqs then pos = 1 end
  return r
end

response = function(status, headers, body)
  if status ~= 200 then non200 = non200 + 1 end
end

done = function(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  local rps = 0
  if secs > 0 then rps = summary.requests / secs end
  local bad, nq = 0, 0
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non200") or 0)
    nq = t:get("nqueries") or nq
  end
  io.write(string.format(
    "WRKREPORT requests=%d duration_s=%.3f rps=%.1f bytes=%d " ..
    "p50_us=%.0f p90_us=%.0f p99_us=%.0f max_us=%.0f " ..
    "err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d " ..
    "non200=%d queries=%d\n",
    summary.requests, secs, rps, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max,
    e.connect, e.read, e.write, e.status, e.timeout, bad, nq))
end
