#!/usr/bin/env python3
"""Writes the hostile GraphQL requests of the hostile-input issue (and siblings that fit under the token limit) as
JSON bodies into a folder, one file per shape, plus `issue.txt` listing the issue's own shapes (the traffic mix of
bench/hostile.sh). usage: hostile_shapes.py <folder>"""
import json, os, sys

def fanout(k, leaf):
    return " ".join(["{ ...F0 }"] + [f"fragment F{i} on Query {{ ...F{i+1} ...F{i+1} }}" for i in range(k)] + [f"fragment F{k} on Query {{ {leaf} }}"])

def copies(n, selection): return "{ " + " ".join([selection] * n) + " }"
def aliased(n, selection, op=""): return op + "{ " + " ".join(f"a{i}: {selection}" for i in range(n)) + " }"
def in_list(n): return "{ connectors(where: {name: {in: [" + ", ".join(f'"v{i}"' for i in range(n)) + "]}}) { nodes { id } } }"

def deep_type_ref(depth):
    s = "name"
    for _ in range(depth): s = f"ofType {{ {s} }}"
    return '{ __type(name: "Connector") { fields { type { ' + s + " } } } }"

TYPE_REF = "kind name " + "ofType { kind name " * 9 + "}" * 9
FRAGMENTS = ("fragment FullType on __Type { kind name description fields(includeDeprecated: true) { name description args { ...InputValue } "
             "type { ...TypeRef } isDeprecated deprecationReason } inputFields { ...InputValue } interfaces { ...TypeRef } "
             "enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } possibleTypes { ...TypeRef } } "
             "fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue } "
             f"fragment TypeRef on __Type {{ {TYPE_REF} }}")
def dumps(n):
    return "query { " + " ".join(f"s{i}: __schema {{ queryType {{ name }} types {{ ...FullType }} directives {{ name args {{ ...InputValue }} }} }}" for i in range(n)) + " } " + FRAGMENTS

ISSUE = {
    "fanout-k20-typename": fanout(20, "__typename"),
    "fanout-k30-typename": fanout(30, "__typename"),
    "fanout-k20-connectors": fanout(20, "connectors { nodes { id } }"),
    "fanout-k30-connectors": fanout(30, "connectors { nodes { id } }"),
    "copies-8000-connectorById": copies(8000, 'connectorById(id: "x") { id }'),
    "copies-40000-typename": copies(40000, "__typename"),
    "aliased-10000-schema": aliased(10000, "__schema { types { name fields { name } } }"),
    "aliased-3000-createConnector": aliased(3000, 'createConnector(input: {name: "hostile"}) { connector { id } }', "mutation "),
    "skip-10000": "{ __typename" + " @skip(if: false)" * 10000 + " }",
    "in-10000": in_list(10000),
    "deep-ofType-30": deep_type_ref(30),
}
SIBLINGS = {
    "fanout-k12-connectors": fanout(12, "connectors { nodes { id } }"),
    "chain-400-fragments": "{ ...F0 } " + " ".join(f"fragment F{i} on Query {{ ...F{i+1} }}" for i in range(400)) + " fragment F400 on Query { __typename }",
    "copies-500-connectorById": copies(500, 'connectorById(id: "x") { id }'),
    "copies-1500-typename": copies(1500, "__typename"),
    "side-by-side-100-fragments": "{ " + " ".join(f"...F{i}" for i in range(100)) + " } " + " ".join(f"fragment F{i} on Query {{ __typename }}" for i in range(100)),
    "aliased-100-typename": aliased(100, "__typename"),
    "introspection-dumps-3": dumps(3),
    "aliased-11-createConnector": aliased(11, 'createConnector(input: {name: "hostile"}) { connector { id } }', "mutation "),
    "skip-100": "{ __typename" + " @skip(if: false)" * 100 + " }",
    "in-1000": in_list(1000),
}

def main(folder):
    os.makedirs(folder, exist_ok=True)
    for name, query in {**ISSUE, **SIBLINGS}.items():
        with open(os.path.join(folder, name + ".json"), "w") as f: json.dump({"query": query}, f)
    with open(os.path.join(folder, "in-variable-10000.json"), "w") as f:
        json.dump({"query": "query($v: [String]) { connectors(where: {name: {in: $v}}) { nodes { id } } }", "variables": {"v": [f"v{i}" for i in range(10000)]}}, f)
    with open(os.path.join(folder, "issue.txt"), "w") as f: f.write("\n".join(os.path.join(folder, n + ".json") for n in ISSUE) + "\n")

if __name__ == "__main__":
    main(sys.argv[1])
