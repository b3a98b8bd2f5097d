#!/usr/bin/env python3
"""Times each filter shape of issue 11 (GraphQL and REST `_search`) against one running server: median of N requests.

usage: search_shapes.py BASE_URL [N=3] [comma-separated parts of row names]
Start the server with Storage__CountCacheEntries=0 to pay every count (see bench/README.md, "Tag and category tests").
"""
import json, sys, time, urllib.request, statistics
base = sys.argv[1]; n = int(sys.argv[2]) if len(sys.argv) > 2 else 3
G = [
 ("gql baseline page 1 (no filter)", '{ connectors(first: 20) { nodes { id } } }'),
 ("gql tags:slack +tc", '{ connectors(first: 20, query: "tags:slack") { totalCount nodes { id } } }'),
 ("gql tags:slack name ASC +tc", '{ connectors(first: 20, query: "tags:slack", order: [{name: ASC}]) { totalCount nodes { id } } }'),
 ("gql tags:git +tc", '{ connectors(first: 20, query: "tags:git") { totalCount nodes { id } } }'),
 ("gql tags:zzz +tc", '{ connectors(first: 20, query: "tags:zzzqqq") { totalCount nodes { id } } }'),
 ("gql tags some contains lack +tc", '{ connectors(first: 20, where: {tags: {some: {contains: "lack"}}}) { totalCount nodes { id } } }'),
 ("gql category:datab +tc", '{ connectors(first: 20, query: "category:datab") { totalCount nodes { id } } }'),
 ("gql processor.name:craw +tc", '{ connectors(first: 20, query: "processor.name:craw") { totalCount nodes { id } } }'),
 ("gql name:git +tc", '{ connectors(first: 20, query: "name:git") { totalCount nodes { id } } }'),
 ("gql name:zzqq +tc", '{ connectors(first: 20, query: "name:zzqq") { totalCount nodes { id } } }'),
 ("gql description:conn +tc", '{ connectors(first: 20, query: "description:conn") { totalCount nodes { id } } }'),
 ("gql description:zzzqqq +tc", '{ connectors(first: 20, query: "description:zzzqqq") { totalCount nodes { id } } }'),
 ("gql enabled eq true +tc", '{ connectors(first: 20, where: {enabled: {eq: true}}) { totalCount nodes { id } } }'),
 ("gql builtin eq true +tc", '{ connectors(first: 20, where: {builtin: {eq: true}}) { totalCount nodes { id } } }'),
 ("gql processor.name eq crawler +tc", '{ connectors(first: 20, where: {processor: {name: {eq: "crawler"}}}) { totalCount nodes { id } } }'),
 ("gql processor.name eq crawler name ASC +tc", '{ connectors(first: 20, where: {processor: {name: {eq: "crawler"}}}, order: [{name: ASC}]) { totalCount nodes { id } } }'),
 ("gql processor.name in crawler,rss +tc", '{ connectors(first: 20, where: {processor: {name: {in: ["crawler", "rss"]}}}) { totalCount nodes { id } } }'),
 ("gql processor.name neq crawler +tc", '{ connectors(first: 20, where: {processor: {name: {neq: "crawler"}}}) { totalCount nodes { id } } }'),
 ("gql processor.name startsWith craw +tc", '{ connectors(first: 20, where: {processor: {name: {startsWith: "craw"}}}) { totalCount nodes { id } } }'),
 ("gql processor.name contains rawl +tc", '{ connectors(first: 20, where: {processor: {name: {contains: "rawl"}}}) { totalCount nodes { id } } }'),
 ("gql processor.name:zzzqqq +tc", '{ connectors(first: 20, query: "processor.name:zzzqqq") { totalCount nodes { id } } }'),
 ("gql tags all eq slack +tc", '{ connectors(first: 20, where: {tags: {all: {eq: "slack"}}}) { totalCount nodes { id } } }'),
 ("gql tags none eq slack +tc", '{ connectors(first: 20, where: {tags: {none: {eq: "slack"}}}) { totalCount nodes { id } } }'),
 ("gql tags any false +tc", '{ connectors(first: 20, where: {tags: {any: false}}) { totalCount nodes { id } } }'),
 ("gql id in +tc", '{ connectors(first: 20, where: {id: {in: ["a","b"]}}) { totalCount nodes { id } } }'),
]
R = [
 ("rest query=tags:slack", "/connector/_search?query=tags:slack&size=20"),
 ("rest query=category:database", "/connector/_search?query=category:database&size=20"),
 ("rest query=processor.name:crawler", "/connector/_search?query=processor.name:crawler&size=20"),
 ("rest query=processor.name:zzzqqq", "/connector/_search?query=processor.name:zzzqqq&size=20"),
 ("rest filter=tags:slack", "/connector/_search?filter=tags:slack&size=20"),
 ("rest filter=category:database", "/connector/_search?filter=category:database&size=20"),
 ("rest query=git", "/connector/_search?query=git&size=20"),
]
only = sys.argv[3].split(",") if len(sys.argv) > 3 else None
def run(req):
    t = time.perf_counter()
    with urllib.request.urlopen(req, timeout=120) as r: body = r.read()
    return (time.perf_counter() - t) * 1000, body
for name, q in G + R:
    if only and not any(o in name for o in only): continue
    times = []; body = b""
    for _ in range(n):
        if name.startswith("gql"):
            req = urllib.request.Request(base + "/graphql", json.dumps({"query": q}).encode(), {"Content-Type": "application/json"})
        else:
            req = base + q
        try:
            ms, body = run(req); times.append(ms)
        except Exception as e:
            print(name, "ERR", e); break
        if ms > 20000: break
    d = json.loads(body) if body else {}
    total = (d.get("data") or {}).get("connectors", {}).get("totalCount") if "data" in d else (d.get("hits", {}).get("total"))
    print(f"{name:38s} median {statistics.median(times) if times else -1:9.1f} ms  n={len(times)} total={total}", flush=True)
