// Sends graphql-js's own introspection query (what GraphiQL and code generators send) and builds a client schema from
// the answer, which fails unless the answer is a complete, consistent schema.
// usage: node introspection.mjs <http url of /graphql>   → prints {"status", "types", "queryType"} as one JSON line
import { getIntrospectionQuery, buildClientSchema } from "graphql";

const [url] = process.argv.slice(2);
const response = await fetch(url, {
  method: "POST",
  headers: {
    "Content-Type": "application/json",
    Accept: "application/graphql-response+json",
    ...(process.env.COCO_API_TOKEN ? { "X-API-TOKEN": process.env.COCO_API_TOKEN } : {}),
  },
  body: JSON.stringify({ query: getIntrospectionQuery() }),
});
const body = await response.json();
if (body.errors) {
  console.log(JSON.stringify({ status: response.status, errors: body.errors }));
  process.exit(1);
}
const schema = buildClientSchema(body.data);
console.log(JSON.stringify({ status: response.status, types: Object.keys(schema.getTypeMap()).length, queryType: schema.getQueryType().name }));
