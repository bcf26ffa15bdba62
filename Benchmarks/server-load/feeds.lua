-- wrk script for Benchmarks/server-load.sh: GET random paths from a file (one per line: valid
-- feed tokens and unknown, well-formed ones), count the answers by status, and print the
-- latency percentiles and every kind of error in one parseable line per figure (with how many
-- 200s came gzip-encoded).
--
-- Usage: wrk -s feeds.lua URL -- PATHS_FILE SEED
local threads = {}

function setup(thread)
    thread:set("id", #threads + 1)
    table.insert(threads, thread)
end

function init(args)
    paths = {}
    for line in io.lines(args[1]) do paths[#paths + 1] = line end
    math.randomseed(tonumber(args[2] or "1") * 1000 + id)
    ok, not_found, other, gzipped = 0, 0, 0, 0
end

function request()
    return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
    if status == 200 then
        ok = ok + 1
        if headers["Content-Encoding"] == "gzip" then gzipped = gzipped + 1 end
    elseif status == 404 then not_found = not_found + 1
    else other = other + 1 end
end

function done(summary, latency, requests)
    local ok_total, not_found_total, other_total, gzip_total = 0, 0, 0, 0
    for _, thread in ipairs(threads) do
        ok_total = ok_total + thread:get("ok")
        gzip_total = gzip_total + thread:get("gzipped")
        not_found_total = not_found_total + thread:get("not_found")
        other_total = other_total + thread:get("other")
    end
    local errors = summary.errors
    io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f "
        .. "status_200=%d gzip_200=%d status_404=%d status_other=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
        summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
        ok_total, gzip_total, not_found_total, other_total, errors.connect, errors.read, errors.write, errors.timeout))
end
