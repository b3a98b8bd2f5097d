#!/usr/bin/env python3
"""Server CPU per request for each body file, over one keep-alive connection: the server's CPU time (utime+stime from
/proc/<pid>/stat) across N requests, divided by N. Prints one line per file: name status code bytes cpu_ms.
usage: refusal_cpu.py <server pid> <base url> <requests per shape> <body.json>..."""
import http.client, json, os, sys, time, urllib.parse

pid, base, n, files = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4:]
hz = os.sysconf("SC_CLK_TCK")
def ticks():
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])

url = urllib.parse.urlparse(base)
conn = http.client.HTTPConnection(url.hostname, url.port)
def send(body):
    conn.request("POST", "/graphql", body=body, headers={"Content-Type": "application/json", "Accept": "application/graphql-response+json"})
    response = conn.getresponse()
    return response.status, response.read()

for path in files:
    body = open(path, "rb").read()
    for _ in range(3): send(body)               # warm-up: JIT and caches
    time.sleep(0.2)
    before = ticks()
    for _ in range(n): status, text = send(body)
    time.sleep(0.2)                             # let the last request's bookkeeping land in /proc
    cpu_ms = (ticks() - before) * 1000 / hz / n
    try:
        errors = json.loads(text).get("errors")
        code = errors[0]["extensions"]["code"] if errors else "OK"
    except Exception:
        code = "?"
    print(f"{os.path.basename(path)[:-5]} {status} {code} {len(text)} {cpu_ms:.2f}", flush=True)
