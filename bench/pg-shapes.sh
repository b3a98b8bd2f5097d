#!/usr/bin/env bash
# Times each filter shape of issue 11's table (and the tag/field variants) against a running server, twice per shape
# (the second with a warm plan cache), with totalCount: a quick check for a shape that reads every row.
# usage: bench/pg-shapes.sh [BASE_URL]   (default http://127.0.0.1:9447; start the server with
#        Storage__CountCacheEntries=0 so that every count is taken, e.g. on a copy of coco_bench_1000000)
set -euo pipefail
BASE=${1:-http://127.0.0.1:9447}
q() { curl -s -o /tmp/pg-shapes.json -w "%{time_total}" "$BASE/graphql" -H 'content-type: application/json' \
  -d "{\"query\": $(python3 -c 'import json,sys;print(json.dumps(sys.argv[1]))' "$1")}"; }
echo "load: $(uptime | sed 's/.*load average/load average/')"
while IFS= read -r args; do
  [ -z "$args" ] && continue
  first=$(q "{ connectors(first: 20, $args) { totalCount nodes { id } } }")
  second=$(q "{ connectors(first: 20, $args) { totalCount nodes { id } } }")
  total=$(python3 -c 'import json;d=json.load(open("/tmp/pg-shapes.json"));print(d.get("data",{}).get("connectors",{}).get("totalCount") if d.get("data") else d)')
  printf '%8.3f s %8.3f s  total=%-8s %s\n' "$first" "$second" "$total" "$args"
done <<'SHAPES'
query: "zzzqqq"
query: "git", where: {enabled: {eq: true}}, order: [{name: ASC}]
where: {tags: {some: {eq: "github"}}}
where: {tags: {some: {eq: "slack"}}}
where: {tags: {some: {eq: "vcs"}}}, order: [{name: ASC}]
where: {tags: {some: {in: ["nope", "vcs"]}}}
where: {tags: {all: {eq: "slack"}}}
where: {tags: {none: {eq: "slack"}}}
where: {tags: {any: true}}
where: {category: {eq: "database"}}
where: {category: {in: ["database", "nope"]}}
where: {enabled: {eq: false}}
where: {builtin: {eq: true}}
where: {processor: {name: {eq: "nope"}}}
where: {id: {in: ["a", "b"]}}
where: {name: {startsWith: "Git"}}
where: {name: {startsWith: "Zq"}}
query: "name:zzqq"
query: "tags:slack"
query: "tags:nope"
SHAPES
