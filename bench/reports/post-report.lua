-- wrk script: POST /api/v1/reports with a new client id each request (so no report is a duplicate) and the
-- categories in the 10 March 2025 shares. wrk itself counts answers that are not 2xx ("Non-2xx or 3xx responses").
-- Each wrk thread has its own Lua state with the same random seed: the thread's number keeps client ids apart.
local counter = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  math.randomseed(os.time() * 100 + (tid or 0))
end
local categories = { "app", "app", "app", "app", "app", "website", "website", "website", "other" }
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

request = function()
  counter = counter + 1
  local category = categories[(counter % #categories) + 1]
  local body = string.format('{"category":"%s","client_id":"bench-%d-%d-%d"}', category, tid or 0, math.random(1, 1000000000), counter)
  return wrk.format(nil, "/api/v1/reports", nil, body)
end

done = function(summary, latency, requests)
  io.write(string.format("p50_ms %.2f\np99_ms %.2f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
