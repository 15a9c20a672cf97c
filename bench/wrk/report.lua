-- Prints one JSON line at the end: requests/s and latency percentiles in ms.
-- WRK_HEADERS (optional): "Name: value|Name: value" added to every request.
local extra = os.getenv("WRK_HEADERS")
if extra and #extra > 0 then
  for pair in string.gmatch(extra, "[^|]+") do
    local name, value = pair:match("^([^:]+):%s*(.*)$")
    wrk.headers[name] = value
  end
end
local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
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
