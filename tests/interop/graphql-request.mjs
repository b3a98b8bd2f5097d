// graphql-request 7 against the real connector schema, set up as docs/clients.md shows: a query, a mutation with
// variables (its error union read with `... on Error`), and a refused request surfacing as a ClientError.
// Usage: node graphql-request.mjs <http-url>; prints one JSON report line.
import { ClientError, GraphQLClient, gql } from 'graphql-request';

const [url] = process.argv.slice(2);
if (!url) {
  console.error('usage: node graphql-request.mjs <http-url>');
  process.exit(64);
}
setTimeout(() => { console.error('graphql-request: timed out'); process.exit(2); }, 60_000).unref();

const token = process.env.COCO_API_TOKEN;
const client = new GraphQLClient(url, { headers: token ? { 'X-API-TOKEN': token } : {} });
const report = {};

const list = await client.request(gql`
  query($first: Int!) { connectors(first: $first, where: { builtin: { eq: true } }, order: [{ name: ASC }]) { totalCount nodes { id name } } }`,
{ first: 3 });
report.names = list.connectors.nodes.map((n) => n.name);
report.totalCount = list.connectors.totalCount;

const createConnector = gql`
  mutation($input: CreateConnectorInput!) {
    createConnector(input: $input) {
      connector { id name version }
      errors { __typename ... on Error { message } ... on ValidationError { field } }
    }
  }`;
report.created = (await client.request(createConnector, { input: { name: 'graphql-request', tags: ['interop'] } })).createConnector;
report.refused = (await client.request(createConnector, { input: { name: '' } })).createConnector;

try {
  await client.request(gql`{ connectors(first: 1) { nodes { noSuchField } } }`);
  report.invalid = 'no error';
} catch (error) {
  if (!(error instanceof ClientError)) throw error;
  report.invalid = { status: error.response.status, code: error.response.errors?.[0]?.extensions?.code };
}

console.log(JSON.stringify(report));
