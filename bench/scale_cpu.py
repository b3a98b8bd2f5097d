#!/usr/bin/env python3
"""Server CPU per request of one GraphQL document on several servers already running, in interleaved rounds.

usage: scale_cpu.py PORT:PID[,PORT:PID...] DOCUMENT REQUESTS ROUNDS
Per round and server: 5 warm-up requests, then REQUESTS sequential requests over one keep-alive connection; the
server's utime+stime (/proc/PID/stat) and the wall time around them. Prints the median over rounds per server.
Start the servers side by side on copies of one seeded file (e.g. a baseline build, this tree, this tree with
Storage__CountCacheEntries=0) so that every figure sees the same machine load.
"""
import http.client
import json
import os
import sys
import time

servers = [tuple(int(x) for x in pair.split(":")) for pair in sys.argv[1].split(",")]
body = json.dumps({"query": sys.argv[2]})
requests, rounds = int(sys.argv[3]), int(sys.argv[4])
HZ = os.sysconf("SC_CLK_TCK")


def ticks(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def post(conn):
    conn.request("POST", "/graphql", body, {"Content-Type": "application/json"})
    response = conn.getresponse()
    data = response.read()
    if response.status != 200 or b'"errors"' in data:
        raise RuntimeError(f"{response.status} {data[:200]!r}")


results = {port: [] for port, _ in servers}
for _ in range(rounds):
    for port, pid in servers:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        for _ in range(5):
            post(conn)
        cpu0, wall0 = ticks(pid), time.perf_counter()
        for _ in range(requests):
            post(conn)
        results[port].append((1000 * (ticks(pid) - cpu0) / HZ / requests, 1000 * (time.perf_counter() - wall0) / requests))
        conn.close()

for port, _ in servers:
    cpu = sorted(r[0] for r in results[port])
    wall = sorted(r[1] for r in results[port])
    print(f"{port}: server CPU ms/request median {cpu[len(cpu) // 2]:.2f}, wall ms/request median {wall[len(wall) // 2]:.2f}")
