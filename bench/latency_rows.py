#!/usr/bin/env python3
"""Single-client latency of the issue-11 ≤ 5 ms rows with a cheap client (wrk, one connection), beside the floor.

usage: latency_rows.py PORT:PID[,PORT:PID...]      (servers on 127.0.0.1, e.g. a baseline build and this tree)
env:   DURATION (wrk seconds per row and round, default 5), ROUNDS (default 3), ONLY (comma-separated parts of row names)
Per round, every row in turn: wrk -t1 -c1 --latency for DURATION seconds (one keep-alive connection, the next request
sent when the answer is in: what one user waits), and the server's utime+stime (/proc/PID/stat) around it, so the
report gives wrk's p50 and the server CPU per request. The Python client of bench/scale_measure.py adds ≈ 1–3 ms of its
own per request; wrk's own cost is microseconds, so what is left above the "floor" rows is the server's work.
Rows are interleaved round by round, so load swings hit every row alike; the median over rounds is printed, with each
row's ratio to "keyset page 1" (the issue's floor) measured in the same rounds. With several servers every row runs
on each in turn within a round, and each row's p50 and CPU on the later servers are also given as a ratio to the first
server's (median of the per-round ratios).
"""
import json
import os
import re
import subprocess
import sys
import tempfile

SERVERS = [tuple(int(x) for x in pair.split(":")) for pair in sys.argv[1].split(",")]
DURATION = int(os.environ.get("DURATION", "5"))
ROUNDS = int(os.environ.get("ROUNDS", "3"))
ONLY = [p for p in os.environ.get("ONLY", "").split(",") if p]
HERE = os.path.dirname(os.path.abspath(__file__))
HZ = os.sysconf("SC_CLK_TCK")

ROWS = [
    ("__typename (transport floor)", '{ __typename }'),
    ("keyset page 1", '{ connectors(first: 20, order: [{name: ASC}]) { nodes { id name category } pageInfo { endCursor } } }'),
    ("no-match search + totalCount", '{ connectors(first: 20, query: "zzzqqq") { totalCount nodes { id } } }'),
    ("no-match search", '{ connectors(first: 20, query: "zzzqqq") { nodes { id } } }'),
    ("selective search (<=100) + totalCount", '{ connectors(first: 20, query: "00999") { totalCount nodes { id } } }'),
    ("selective search (<=100)", '{ connectors(first: 20, query: "00999") { nodes { id } } }'),
    ("selective, 96 matches (two words) + totalCount", '{ connectors(first: 20, query: "0999 rss") { totalCount nodes { id } } }'),
    ("selective, 96 matches (two words)", '{ connectors(first: 20, query: "0999 rss") { nodes { id } } }'),
    ("broad search + totalCount", '{ connectors(first: 20, query: "git", where: {enabled: {eq: true}}, order: [{name: ASC}]) { totalCount nodes { id name category } } }'),
]
ROWS = [r for r in ROWS if not ONLY or r[0] in ("keyset page 1",) or any(p in r[0] for p in ONLY)]


def ticks(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def to_ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def run(port, pid, query):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump({"query": query}, f)
        body = f.name
    cpu0 = ticks(pid)
    out = subprocess.run(["wrk", "-t1", "-c1", f"-d{DURATION}s", "--latency", "--timeout", "30s", "-s", os.path.join(HERE, "post.lua"), f"http://127.0.0.1:{port}/graphql"],
                         env={**os.environ, "BODY_FILE": body}, capture_output=True, text=True).stdout
    cpu = ticks(pid) - cpu0
    os.unlink(body)
    if not re.search(r"non2xx_in_script 0\b", out):
        raise SystemExit(f"failed answers:\n{out}")
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    return {"p50_ms": p50, "cpu_ms": 1000 * cpu / HZ / max(requests, 1), "requests": requests}


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


results = {(port, name): [] for port, _ in SERVERS for name, _ in ROWS}
print(f"load average {os.getloadavg()[0]:.1f}", flush=True)
for r in range(ROUNDS):
    for name, query in ROWS:
        for port, pid in SERVERS:
            results[(port, name)].append(run(port, pid, query))
    print(f"round {r + 1} done, load average {os.getloadavg()[0]:.1f}", flush=True)


def ratio(rows, base, key):
    return median([a[key] / b[key] for a, b in zip(rows, base) if b[key] > 0] or [0])


first = SERVERS[0][0]
print(f"{'server':>6} {'row':40} {'p50 ms':>8} {'CPU ms/req':>10} {'p50/floor':>9} {'CPU/floor':>9} {'p50/first':>9} {'CPU/first':>9} {'requests':>8}")
for name, _ in ROWS:
    for port, _ in SERVERS:
        rows, floor = results[(port, name)], results[(port, "keyset page 1")]
        print(f"{port:>6} {name:40} {median([x['p50_ms'] for x in rows]):8.2f} {median([x['cpu_ms'] for x in rows]):10.2f} "
              f"{ratio(rows, floor, 'p50_ms'):9.2f} {ratio(rows, floor, 'cpu_ms'):9.2f} "
              f"{ratio(rows, results[(first, name)], 'p50_ms'):9.2f} {ratio(rows, results[(first, name)], 'cpu_ms'):9.2f} {sum(x['requests'] for x in rows):8d}")
print(f"load average {os.getloadavg()[0]:.1f}")
