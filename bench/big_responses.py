#!/usr/bin/env python3
"""Big responses (hostile-input follow-up): a short query whose answer is huge. Starts the server on a fresh SQLite
file, stores N connectors holding ~240 KB configs, then sends `30 aliases x connectors(first: 50) { nodes { config } }`
over HTTP POST and over SSE (a query on a text/event-stream request), the same with `nodes { id }` (what loading whole
rows costs when only ids are shown), and REST `_search?size=1000` with and without `_source_excludes=config`, one at a
time, and reports per request the
server's CPU time (utime+stime from /proc) and its peak RSS growth (VmRSS sampled every 20 ms, over the RSS before), with the answer's status, size and code.
A trivial query measured the same way is the baseline.
usage: bench/big_responses.py <server dll> [port] [connectors] [aliases]"""
import http.client, json, os, subprocess, sys, tempfile, threading, time

dll = sys.argv[1]
port = int(sys.argv[2]) if len(sys.argv) > 2 else 9340
count = int(sys.argv[3]) if len(sys.argv) > 3 else 50
aliases = int(sys.argv[4]) if len(sys.argv) > 4 else 30
hz = os.sysconf("SC_CLK_TCK")
data = tempfile.mkdtemp()
env = dict(os.environ, RateLimits__Enabled=os.environ.get("RateLimits__Enabled", "false"), Storage__ConnectionString=f"Data Source={data}/coco.db", Logging__LogLevel__Default="Warning")
server = subprocess.Popen(["dotnet", dll, "--urls", f"http://127.0.0.1:{port}"], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

def ticks():
    fields = open(f"/proc/{server.pid}/stat").read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])

def status_kb(key):
    for line in open(f"/proc/{server.pid}/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1])

def request(method, path, body, accept="application/graphql-response+json"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    conn.request(method, path, body=body, headers={"Content-Type": "application/json", "Accept": accept})
    response = conn.getresponse()
    return response.status, response.read()

try:
    for _ in range(240):
        try:
            if request("GET", "/healthz", None)[0] == 200: break
        except OSError: pass
        time.sleep(0.5)
    config = {f"blob_{i:03}": "x" * 4000 for i in range(60)}   # ~240 KB of JSON
    for i in range(count):
        status, text = request("POST", "/connector/", json.dumps({"name": f"big {i}", "config": config}))
        assert status == 200, text
    pages = lambda selection: "{ " + " ".join(f"a{i}: connectors(first: 50) {{ {selection} }}" for i in range(aliases)) + " }"
    shapes = [("trivial", "{ __typename }"), ("attack", pages("nodes { config }")), ("ids", pages("nodes { id }"))]
    print(f"# {count} connectors of ~240 KB config; attack = {aliases} aliases x connectors(first: 50) {{ nodes {{ config }} }}, ids = the same with nodes {{ id }}")
    print("shape transport status bytes code cpu_ms rss_peak_growth_mb")
    requests = [(name, transport, "POST", "/graphql", json.dumps({"query": query}), accept) for name, query in shapes
                for transport, accept in [("http", "application/graphql-response+json"), ("sse", "text/event-stream")]]
    requests += [(name, "rest", "GET", path, None, "application/json") for name, path in
                 [("search-1000", "/connector/_search?size=1000"), ("search-1000-no-config", "/connector/_search?size=1000&_source_excludes=config")]]
    for name, transport, method, path, body, accept in requests:
            request("POST", "/graphql", json.dumps({"query": "{ __typename }"}))  # warm
            time.sleep(0.3)
            rss_before, before = status_kb("VmRSS"), ticks()
            peak, done = [rss_before], threading.Event()
            def sample():
                while not done.wait(0.02): peak[0] = max(peak[0], status_kb("VmRSS"))
            sampler = threading.Thread(target=sample); sampler.start()
            status, text = request(method, path, body, accept)
            time.sleep(0.3)
            done.set(); sampler.join()
            cpu_ms = (ticks() - before) * 1000 / hz
            growth = (peak[0] - rss_before) / 1024
            code = "OK"
            payload = text.decode("utf-8", "replace")
            if transport == "sse":
                payload = next((l[5:].strip() for l in payload.splitlines() if l.startswith("data:") and l[5:].strip()), "{}")
            try:
                parsed = json.loads(payload)
                errors = parsed.get("errors")
                code = errors[0].get("extensions", {}).get("code", "?") if errors else parsed["error"]["type"] if "error" in parsed else "OK"
            except ValueError:
                code = "unparsed"
            print(f"{name} {transport} {status} {len(text)} {code} {cpu_ms:.0f} {growth:.0f}", flush=True)
    print(f"# server peak RSS {status_kb('VmHWM') / 1024:.0f} MB")
finally:
    server.terminate()
    server.wait()
    subprocess.run(["rm", "-rf", data])
