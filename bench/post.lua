-- wrk script: POST the JSON body in the file named by $BODY_FILE (a GraphQL request) to the URL given to wrk.
local file = assert(io.open(os.getenv("BODY_FILE"), "r"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
-- An API token when API_TOKEN is set (bench/auth.sh compares requests with and without one).
local token = os.getenv("API_TOKEN")
if token and token ~= "" then wrk.headers["X-API-TOKEN"] = token end

-- Count non-2xx answers so a broken endpoint cannot pass for a fast one.
local failures = 0
function response(status, headers, body)
  if status < 200 or status > 299 then failures = failures + 1 end
end
function done(summary, latency, requests)
  io.write(string.format("non2xx_in_script %d\n", failures))
end
