#!/usr/bin/env python3
"""Sends the hostile bodies listed in a file (one path a line), in turn, at a fixed rate for a fixed time, over a few
keep-alive connections; prints the achieved rate and the count of answers per status.
usage: hostile_load.py <base url> <list file> <requests per second> <seconds> [connections]"""
import http.client, queue, sys, threading, time, urllib.parse
from collections import Counter

base, listing, rate, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
connections = int(sys.argv[5]) if len(sys.argv) > 5 else 8
bodies = [open(p.strip(), "rb").read() for p in open(listing) if p.strip()]
url = urllib.parse.urlparse(base)
slots, statuses, lock = queue.Queue(), Counter(), threading.Lock()

def worker():
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    while (index := slots.get()) is not None:
        try:
            conn.request("POST", "/graphql", body=bodies[index % len(bodies)],
                         headers={"Content-Type": "application/json", "Accept": "application/graphql-response+json"})
            response = conn.getresponse(); response.read(); status = response.status
        except Exception as e:  # a refused or reset connection counts too
            status = type(e).__name__; conn.close(); conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        with lock: statuses[status] += 1

threads = [threading.Thread(target=worker, daemon=True) for _ in range(connections)]
for t in threads: t.start()
start, sent = time.monotonic(), 0
while (now := time.monotonic() - start) < seconds:
    due = int(now * rate) + 1
    while sent < due: slots.put(sent); sent += 1
    time.sleep(0.002)
for _ in threads: slots.put(None)
for t in threads: t.join()
elapsed = time.monotonic() - start
print(f"hostile requests {sum(statuses.values())} in {elapsed:.1f} s = {sum(statuses.values()) / elapsed:.1f}/s; statuses {dict(statuses)}")
