-- POST /api/comments with a unique text each time; records which comment each answer
-- carried ("<id> <marker>" lines in WRK_OUT.<thread>), so the bench can check that every answer
-- holds its own request's comment.
local threads = {}
local counter = 0
local out = nil
local token = os.getenv("WRK_TOKEN")
local origin = os.getenv("WRK_ORIGIN")
local page = os.getenv("WRK_PAGE")

setup = function(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

init = function(args)
  out = io.open(os.getenv("WRK_OUT") .. "." .. id, "w")
end

request = function()
  counter = counter + 1
  local marker = string.format("m%d-%d", id, counter)
  local body = string.format(
    '{"url":"%s","name":"Bench %d","email":"bench%d@example.org","text":"Benchmark comment %s with *some* markdown and a [link](https://example.org/%d).","form_token":"%s"}',
    page, counter % 100, counter % 100, marker, counter, token)
  return wrk.format("POST", "/api/comments",
    {["Content-Type"] = "application/json", ["Origin"] = origin}, body)
end

response = function(status, headers, body)
  if status == 201 then
    local cid = body:match('"id":(%d+)')
    local marker = body:match("Benchmark comment (m%d+%-%d+)")
    out:write((cid or "?") .. " " .. (marker or "?") .. "\n")
  else
    out:write("status " .. status .. "\n")
  end
  out:flush()
end

done = function(summary, latency, requests)
  local s = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.2f,"rps":%.1f,"p50_ms":%.2f,"p90_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,' ..
    '"err_connect":%d,"err_read":%d,"err_write":%d,"err_status":%d,"err_timeout":%d}\n',
    summary.requests, s, summary.requests / s,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.connect, e.read, e.write, e.status, e.timeout))
end
