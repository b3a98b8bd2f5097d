#!/usr/bin/env python3
"""Server CPU per request with telemetry variants side by side: many interleaved rounds of a fixed request mix.

usage: telemetry_cpu.py NAME:PORT:PID[,NAME:PORT:PID...] MIXES ROUNDS [OUT.json]
       telemetry_cpu.py --report OUT.json           (the summary of a saved run again)
Servers named off* are the baseline (per round, the mean of their CPU per request); with two of them the A/A ratio
says what two identical servers differ by on this machine in this run. A variant NAME-before is also compared with
NAME directly (a baseline build's server with the same settings).
Per round, in an order rotated each round (so no variant always runs first or last after another): for each server,
2 untimed mixes, then MIXES sequential mixes over its one keep-alive connection, each mix being a GraphQL query (connectors page), a REST
GET (_search) and a GraphQL mutation (updateConnector on a connector of the server's own store copy); the server's
CPU time before and after, summed over its threads from /proc/PID/task/*/schedstat (nanoseconds: short rounds,
interleaved finely enough to share the machine's load, are still measured exactly; /proc/PID/stat counts 10 ms ticks).
Per variant: the median over rounds of CPU ms per request, and the median (with the 25th-75th percentile and a
bootstrap 95 % interval) over rounds of the per-round ratio to the baseline, so that load drifting between rounds
cancels out. Ctrl-C stops after the round under way has been dropped and reports the complete ones.
"""
import http.client
import json
import os
import random
import statistics as st
import sys
import time

GQL_QUERY = '{ connectors(first: 20, query: "git", where: {enabled: {eq: true}}, order: [{name: ASC}]) { totalCount nodes { id name category } } }'
REST_PATH = "/connector/_search?query=git&filter=enabled:true&sort=name:asc&size=20"
MUTATION = "mutation Touch($input: UpdateConnectorInput!) { updateConnector(input: $input) { connector { id description } errors { __typename } } }"
REQUESTS_PER_MIX = 3
WARM_MIXES = 2


def thread_cpu_ns(pid):
    """On-CPU time of each live thread of the process, in nanoseconds."""
    times = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as stat:
                times[tid] = int(stat.read().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            pass  # the thread ended meanwhile
    return times


def cpu_ns_since(pid, before):
    # Per thread, so a thread that ends during the round takes only its own share along (a new one counts whole).
    return sum(ns - before.get(tid, 0) for tid, ns in thread_cpu_ns(pid).items())


def check(response, data):
    if response.status != 200 or b'"errors":[{' in data or b'"errors":{' in data:
        raise RuntimeError(f"{response.status} {data[:300]!r}")


def post(conn, body):
    conn.request("POST", "/graphql", body, {"Content-Type": "application/json", "Accept": "application/json"})
    response = conn.getresponse()
    data = response.read()
    check(response, data)
    return data


def get(conn, path):
    conn.request("GET", path)
    response = conn.getresponse()
    check(response, response.read())


class Server:
    def __init__(self, spec):
        name, port, pid = spec.split(":")
        self.name, self.port, self.pid = name, int(port), int(pid)
        self.query = json.dumps({"query": GQL_QUERY})
        conn = self.connect()
        page = json.loads(post(conn, json.dumps({"query": "{ connectors(first: 1, order: [{name: ASC}]) { nodes { id } } }"})))
        self.connector = page["data"]["connectors"]["nodes"][0]["id"]
        conn.close()
        self.writes = 0
        self.conn = None

    def connect(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)

    def mix(self, conn):
        post(conn, self.query)
        get(conn, REST_PATH)
        # A real change every time (the description alternates), so the write path and its change event run.
        self.writes += 1
        variables = {"input": {"id": self.connector, "description": f"telemetry bench {self.writes % 2}"}}
        post(conn, json.dumps({"query": MUTATION, "operationName": "Touch", "variables": variables}))

    def round(self, mixes):
        if self.conn is None:
            self.conn = self.connect()
        # Untimed: a server that sat idle while the others ran starts with cold caches and sleeping threads, a fixed
        # cost per round that would dilute every ratio towards 1.
        for _ in range(WARM_MIXES):
            self.mix(self.conn)
        cpu0, wall0 = thread_cpu_ns(self.pid), time.perf_counter()
        for _ in range(mixes):
            self.mix(self.conn)
        cpu, wall = cpu_ns_since(self.pid, cpu0), time.perf_counter() - wall0
        requests = mixes * REQUESTS_PER_MIX
        return cpu / 1e6 / requests, 1000 * wall / requests


def quantile(values, q):
    values = sorted(values)
    position = q * (len(values) - 1)
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def bootstrap_median(values, samples=2000, seed=15):
    rng = random.Random(seed)
    medians = sorted(st.median(rng.choices(values, k=len(values))) for _ in range(samples))
    return medians[int(0.025 * samples)], medians[int(0.975 * samples) - 1]


def load_average():
    return open("/proc/loadavg").read().split()[:3]


def ratio_line(label, ratios):
    ci = bootstrap_median(ratios)
    return (f"{label:28} {st.median(ratios):.3f} [{quantile(ratios, .25):.3f}-{quantile(ratios, .75):.3f}] "
            f"({ci[0]:.3f}-{ci[1]:.3f})")


def report(data):
    """Prints the summary of measured rounds (what main saves as OUT.json)."""
    cpu = {name: v["cpu_ms_per_request"] for name, v in data["variants"].items()}
    wall = {name: v["wall_ms_per_request"] for name, v in data["variants"].items()}
    names = list(cpu)
    loads = data["load_averages"]
    # The baseline of a round is the mean of its "off" servers: with two, half the variance of either alone.
    offs = [n for n in names if n.startswith("off")] or names[:1]
    base = [st.mean(cpu[n][r] for n in offs) for r in range(data["rounds"])]
    print(f"--- {data['rounds']} rounds x {data['mixes']} mixes x {data['requests_per_mix']} requests per server; "
          f"load average {' '.join(loads[0])} at start, {' '.join(loads[-1])} at end, "
          f"{min(float(l[0]) for l in loads):.0f}-{max(float(l[0]) for l in loads):.0f} over the rounds")
    print(f"{'variant':17} {'CPU ms/req':>10} {'IQR':>15} {'wall ms/req':>11}")
    for name in names:
        print(f"{name:17} {st.median(cpu[name]):10.3f} {quantile(cpu[name], .25):7.3f}-{quantile(cpu[name], .75):7.3f} "
              f"{st.median(wall[name]):11.3f}")
    print(f"per-round ratios: median [25-75 %] (bootstrap 95 % interval of the median); baseline = mean of {', '.join(offs)}")
    if len(offs) > 1:
        print(ratio_line(f"A/A {offs[1]}/{offs[0]}", [a / b for a, b in zip(cpu[offs[1]], cpu[offs[0]])]))
    for name in names:
        if name not in offs:
            print(ratio_line(f"{name}/off", [a / b for a, b in zip(cpu[name], base)]))
    for name in names:
        if name.endswith("-before") and name[:-len("-before")] in cpu:
            after = name[:-len("-before")]
            print(ratio_line(f"{after}/{name}", [a / b for a, b in zip(cpu[after], cpu[name])]))


def main():
    if sys.argv[1] == "--report":  # summarise a saved run again: telemetry_cpu.py --report OUT.json
        with open(sys.argv[2]) as saved:
            report(json.load(saved))
        return

    servers = [Server(spec) for spec in sys.argv[1].split(",")]
    mixes, rounds = int(sys.argv[2]), int(sys.argv[3])
    cpu = {s.name: [] for s in servers}
    wall = {s.name: [] for s in servers}
    loads = [load_average()]
    try:
        for r in range(rounds):
            order = servers[r % len(servers):] + servers[:r % len(servers)]
            measured = {server.name: server.round(mixes) for server in order}
            for server in servers:
                cpu[server.name].append(measured[server.name][0])
                wall[server.name].append(measured[server.name][1])
            loads.append(load_average())
            print(f"round {r + 1}/{rounds} load {' '.join(loads[-1])}: "
                  + ", ".join(f"{s.name} {cpu[s.name][-1]:.3f}" for s in servers), file=sys.stderr, flush=True)
    except KeyboardInterrupt:  # Ctrl-C (SIGINT): report the complete rounds so far
        rounds = len(cpu[servers[0].name])

    data = {"mixes": mixes, "rounds": rounds, "requests_per_mix": REQUESTS_PER_MIX, "load_averages": loads,
            "variants": {s.name: {"cpu_ms_per_request": cpu[s.name], "wall_ms_per_request": wall[s.name]} for s in servers}}
    report(data)
    if len(sys.argv) > 4:
        with open(sys.argv[4], "w") as out:
            json.dump(data, out, indent=1)


if __name__ == "__main__":
    main()
