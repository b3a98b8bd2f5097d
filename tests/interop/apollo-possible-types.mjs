// The Apollo Client setup of docs/clients.md, taken from the document itself: its possibleTypes map must equal the
// abstract types of the schema the server serves (introspection), and with it a mutation's error union is read through
// `... on Error`. usage: node apollo-possible-types.mjs <http url of /graphql> <path of docs/clients.md>
//   → prints {"documented", "served", "errors"} as one JSON line
import { readFileSync } from "node:fs";
import { ApolloClient, HttpLink, InMemoryCache, gql } from "@apollo/client";
import { buildClientSchema, getIntrospectionQuery, isAbstractType } from "graphql";

const [url, docsPath] = process.argv.slice(2);
const headers = { "Content-Type": "application/json", ...(process.env.COCO_API_TOKEN ? { "X-API-TOKEN": process.env.COCO_API_TOKEN } : {}) };

// The map as written in the docs' Apollo example (a JavaScript object literal).
const block = /possibleTypes: (\{[\s\S]*?\n    \}),/.exec(readFileSync(docsPath, "utf8"));
if (!block) throw new Error("no possibleTypes map in " + docsPath);
const documented = new Function(`return (${block[1]});`)();

const introspection = await (await fetch(url, { method: "POST", headers, body: JSON.stringify({ query: getIntrospectionQuery() }) })).json();
const schema = buildClientSchema(introspection.data);
const served = Object.fromEntries(Object.values(schema.getTypeMap())
  .filter(t => isAbstractType(t) && !t.name.startsWith("__"))
  .map(t => [t.name, schema.getPossibleTypes(t).map(p => p.name).sort()]));

const client = new ApolloClient({
  cache: new InMemoryCache({ possibleTypes: documented }),
  link: new HttpLink({ uri: url, headers }),
});
const refused = await client.mutate({
  mutation: gql`mutation Duplicate($input: CreateConnectorInput!) {
    createConnector(input: $input) { connector { id } errors { __typename ... on Error { message } } }
  }`,
  variables: { input: { id: "github", name: "a second github" } },
});

const sorted = map => Object.fromEntries(Object.entries(map).map(([k, v]) => [k, [...v].sort()]).sort(([a], [b]) => a.localeCompare(b)));
console.log(JSON.stringify({ documented: sorted(documented), served: sorted(served), errors: refused.data.createConnector.errors }));
