// graphql-js's introspection query with every option on (what GraphiQL 3+, codegen and schema registries send),
// buildClientSchema over the answer, and printSchema of the result compared with the checked-in schema.graphql read
// by graphql-js itself (buildSchema → printSchema), so both sides are printed the same way.
// usage: node full-introspection.mjs <http url of /graphql> <path of schema.graphql>
//   → prints {"status", "same", "firstDifference", "specifiedBy", "repeatable"} as one JSON line
import { readFileSync } from "node:fs";
import { buildClientSchema, buildSchema, getIntrospectionQuery, printSchema } from "graphql";

const [url, schemaFile] = process.argv.slice(2);
const query = getIntrospectionQuery({
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  experimentalDirectiveDeprecation: true,
  oneOf: true,
});
const response = await fetch(url, {
  method: "POST",
  headers: {
    "Content-Type": "application/json",
    Accept: "application/graphql-response+json",
    ...(process.env.COCO_API_TOKEN ? { "X-API-TOKEN": process.env.COCO_API_TOKEN } : {}),
  },
  body: JSON.stringify({ query }),
});
const body = await response.json();
if (body.errors) {
  console.log(JSON.stringify({ status: response.status, errors: body.errors }));
  process.exit(1);
}

const live = printSchema(buildClientSchema(body.data));
const committed = printSchema(buildSchema(readFileSync(schemaFile, "utf8")));
const liveLines = live.split("\n");
const committedLines = committed.split("\n");
let line = 0;
while (line < liveLines.length && line < committedLines.length && liveLines[line] === committedLines[line]) line++;
const same = live === committed;
const types = body.data.__schema.types;
console.log(JSON.stringify({
  status: response.status,
  same,
  firstDifference: same ? null : { line: line + 1, live: liveLines[line] ?? null, committed: committedLines[line] ?? null },
  description: body.data.__schema.description,
  specifiedBy: Object.fromEntries(types.filter(t => t.specifiedByURL).map(t => [t.name, t.specifiedByURL])),
  repeatable: Object.fromEntries(body.data.__schema.directives.map(d => [d.name, d.isRepeatable])),
}));
