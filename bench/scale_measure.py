#!/usr/bin/env python3
"""Measures the search rows of the scale curve against one running server (see bench/scale.sh).

usage: scale_measure.py BASE_URL OUT_JSON
env:   SAMPLES (single-client requests per row, default 20), BUDGET (seconds per row at most, default 30),
       DURATION (wrk seconds per row, default 5; 0 skips throughput), CONNECTIONS (default 16), THREADS (default 2),
       ONLY (comma-separated parts of row names to measure, e.g. ONLY="tags:,PUT"; default every row)
Single client: one keep-alive connection, requests one after another, p50/p95 over SAMPLES after 2 warm-up requests.
Throughput: wrk with CONNECTIONS connections for DURATION seconds. Writes: p50 of REST PUT (merge patch of the
description) on existing connectors.
"""
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

BASE, OUT = sys.argv[1], sys.argv[2]
SAMPLES = int(os.environ.get("SAMPLES", "20"))
BUDGET = float(os.environ.get("BUDGET", "30"))
DURATION = int(os.environ.get("DURATION", "5"))
CONNECTIONS = int(os.environ.get("CONNECTIONS", "16"))
THREADS = int(os.environ.get("THREADS", "2"))
HERE = os.path.dirname(os.path.abspath(__file__))
url = urllib.parse.urlparse(BASE)

ROWS = [
    ("no-match search + totalCount", '{ connectors(first: 20, query: "zzzqqq") { totalCount nodes { id } } }'),
    ("no-match search", '{ connectors(first: 20, query: "zzzqqq") { nodes { id } } }'),
    ("selective search (<=100) + totalCount", '{ connectors(first: 20, query: "00999") { totalCount nodes { id } } }'),
    ("broad search + totalCount", '{ connectors(first: 20, query: "git", where: {enabled: {eq: true}}, order: [{name: ASC}]) { totalCount nodes { id name category } } }'),
    ("broad search", '{ connectors(first: 20, query: "git", where: {enabled: {eq: true}}, order: [{name: ASC}]) { nodes { id name category } } }'),
    ("tags some eq github + totalCount", '{ connectors(first: 20, where: {tags: {some: {eq: "github"}}}) { totalCount nodes { id } } }'),
    ("tags some eq slack + totalCount", '{ connectors(first: 20, where: {tags: {some: {eq: "slack"}}}) { totalCount nodes { id } } }'),
    ("tags some eq slack, name ASC + totalCount", '{ connectors(first: 20, where: {tags: {some: {eq: "slack"}}}, order: [{name: ASC}]) { totalCount nodes { id } } }'),
    ("category eq database + totalCount", '{ connectors(first: 20, where: {category: {eq: "database"}}) { totalCount nodes { id } } }'),
    ("category eq database, name ASC + totalCount", '{ connectors(first: 20, where: {category: {eq: "database"}}, order: [{name: ASC}]) { totalCount nodes { id } } }'),
    ("name startsWith Git + totalCount", '{ connectors(first: 20, where: {name: {startsWith: "Git"}}) { totalCount nodes { id } } }'),
    ("connectorCategories", '{ connectorCategories { category count } }'),
    ("free text tags:slack + totalCount", '{ connectors(first: 20, query: "tags:slack") { totalCount nodes { id } } }'),
    ("free text tags:slack, name ASC + totalCount", '{ connectors(first: 20, query: "tags:slack", order: [{name: ASC}]) { totalCount nodes { id } } }'),
    ("free text category:datab + totalCount", '{ connectors(first: 20, query: "category:datab") { totalCount nodes { id } } }'),
    ("keyset page 1", '{ connectors(first: 20, order: [{name: ASC}]) { nodes { id name category } pageInfo { endCursor } } }'),
]

# Issue 10 (PostgreSQL): the shapes that read every row there before (rare/absent tags in any order, tag lists,
# builtin, processor.name, field:value free text).
ROWS += [
    ("tags some eq github, name ASC + totalCount", '{ connectors(first: 20, where: {tags: {some: {eq: "github"}}}, order: [{name: ASC}]) { totalCount nodes { id } } }'),
    ("tags some eq vcs (rare) + totalCount", '{ connectors(first: 20, where: {tags: {some: {eq: "vcs"}}}) { totalCount nodes { id } } }'),
    ("tags some in [github, vcs] + totalCount", '{ connectors(first: 20, where: {tags: {some: {in: ["github", "vcs"]}}}) { totalCount nodes { id } } }'),
    ("builtin eq true + totalCount", '{ connectors(first: 20, where: {builtin: {eq: true}}) { totalCount nodes { id } } }'),
    ("processor.name eq nope + totalCount", '{ connectors(first: 20, where: {processor: {name: {eq: "nope"}}}) { totalCount nodes { id } } }'),
    ("query name:zzqq + totalCount", '{ connectors(first: 20, query: "name:zzqq") { totalCount nodes { id } } }'),
]


def connect():
    return http.client.HTTPConnection(url.hostname, url.port, timeout=300)


def graphql(conn, query):
    body = json.dumps({"query": query})
    conn.request("POST", "/graphql", body, {"Content-Type": "application/json"})
    response = conn.getresponse()
    data = response.read()
    if response.status != 200 or b'"errors"' in data:
        raise RuntimeError(f"{response.status} {data[:300]!r}")
    return json.loads(data)


def timed(conn, call):
    start = time.perf_counter()
    result = call(conn)
    return (time.perf_counter() - start) * 1000, result


def single_client(query):
    conn = connect()
    result = None
    for _ in range(2):
        try:
            result = graphql(conn, query)
        except RuntimeError as e:  # e.g. still draining the previous row's wrk backlog
            print(f"    warm-up failed: {e}", flush=True)
    times, spent, failures = [], 0.0, 0
    while len(times) < SAMPLES and (spent < BUDGET * 1000 or len(times) < 3) and failures < 3:
        try:
            ms, result = timed(conn, lambda c: graphql(c, query))
        except RuntimeError as e:
            failures += 1
            print(f"    request failed: {e}", flush=True)
            continue
        times.append(ms)
        spent += ms
    if not times:
        return {"p50_ms": -1, "p95_ms": -1, "samples": 0, "totalCount": None}
    conn.close()
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    total = result["data"].get("connectors", {}).get("totalCount") if "connectors" in result["data"] else None
    return {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(p95, 2), "samples": len(times), "totalCount": total}


def throughput(query):
    if DURATION <= 0:
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump({"query": query}, f)
        body = f.name
    out = subprocess.run(["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--timeout", "60s", "-s", os.path.join(HERE, "post.lua"), BASE + "/graphql"],
                         env={**os.environ, "BODY_FILE": body}, capture_output=True, text=True).stdout
    os.unlink(body)
    # The server still answers the requests wrk left queued: let it drain before the next row is timed.
    while True:
        conn = connect()
        start = time.perf_counter()
        graphql(conn, '{ connectors(first: 1) { nodes { id } } }')
        conn.close()
        if time.perf_counter() - start < 0.5:
            break
        time.sleep(2)
    rps = next((float(line.split()[1]) for line in out.splitlines() if line.startswith("Requests/sec:")), 0.0)
    failures = next((int(line.split()[1]) for line in out.splitlines() if line.startswith("non2xx_in_script")), -1)
    return {"rps": rps, "non2xx": failures}


def page_500():
    conn = connect()
    cursor = None
    for _ in range(499):
        after = f', after: "{cursor}"' if cursor else ""
        cursor = graphql(conn, '{ connectors(first: 20%s, order: [{name: ASC}]) { pageInfo { endCursor } } }' % after)["data"]["connectors"]["pageInfo"]["endCursor"]
    conn.close()
    return '{ connectors(first: 20, after: "%s", order: [{name: ASC}]) { nodes { id name category } pageInfo { endCursor } } }' % cursor


def put_p50():
    conn = connect()
    ids = [n["id"] for n in graphql(conn, '{ connectors(first: 50, order: [{created: DESC}]) { nodes { id } } }')["data"]["connectors"]["nodes"]]
    times = []
    for i in range(max(SAMPLES * 2, 40)):
        body = json.dumps({"description": f"bench write {i}"})
        def put(c, target=ids[i % len(ids)]):
            c.request("PUT", f"/connector/{target}", body, {"Content-Type": "application/json"})
            r = c.getresponse()
            r.read()
            if r.status != 200:
                raise RuntimeError(f"PUT {r.status}")
        ms, _ = timed(conn, put)
        times.append(ms)
    conn.close()
    return {"p50_ms": round(statistics.median(times[5:]), 2), "samples": len(times) - 5}


ONLY = [o for o in os.environ.get("ONLY", "").split(",") if o]
wanted = lambda name: not ONLY or any(o in name for o in ONLY)
results = {}
rows = [r for r in ROWS if wanted(r[0])] + ([("keyset page 500", page_500())] if wanted("keyset page 500") else [])
for name, query in rows:
    single = single_client(query)
    results[name] = {"single": single, "wrk": throughput(query)}
    print(f"  {name:40s} p50 {results[name]['single']['p50_ms']:9.2f} ms  p95 {results[name]['single']['p95_ms']:9.2f} ms  "
          f"{(results[name]['wrk'] or {}).get('rps', 0):8.1f} req/s  total={results[name]['single']['totalCount']}", flush=True)
if wanted("REST PUT"):
    results["REST PUT"] = {"single": put_p50()}
    print(f"  {'REST PUT':40s} p50 {results['REST PUT']['single']['p50_ms']:9.2f} ms", flush=True)
with open(OUT, "w") as f:
    json.dump(results, f, indent=1)
