-- wrk script: plain GET of the URL given to wrk, counting non-2xx answers.
wrk.headers["Accept"] = "application/json"
local failures = 0
function response(status, headers, body)
  if status < 200 or status > 299 then failures = failures + 1 end
end
function done(summary, latency, requests)
  io.write(string.format("non2xx_in_script %d\n", failures))
end
