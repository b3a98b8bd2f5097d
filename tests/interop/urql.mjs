// urql 6 against the real connector schema, subscriptions over SSE (fetchSubscriptions) or WebSocket (graphql-ws),
// set up as docs/clients.md shows. Subscribes to onConnectorCreated, creates a connector through a mutation, waits
// for the event, then reads the connector back with a query.
// Usage: node urql.mjs <http-url> <ws-url> <sse|ws>; prints one JSON report line.
import { Client, fetchExchange, subscriptionExchange, gql } from '@urql/core';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';

const [httpUrl, wsUrl, transport] = process.argv.slice(2);
if (!httpUrl || !wsUrl || !['sse', 'ws'].includes(transport)) {
  console.error('usage: node urql.mjs <http-url> <ws-url> <sse|ws>');
  process.exit(64);
}
setTimeout(() => { console.error(`urql ${transport}: timed out`); process.exit(2); }, 60_000).unref();

const token = process.env.COCO_API_TOKEN;
const headers = token ? { 'X-API-TOKEN': token } : {};
const wsClient = transport === 'ws'
  ? createWsClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: headers })
  : null;

const client = new Client({
  url: httpUrl,
  fetchOptions: { headers },
  // SSE: urql's own fetch transport sends subscriptions with Accept: text/event-stream.
  fetchSubscriptions: transport === 'sse',
  exchanges: wsClient
    ? [fetchExchange, subscriptionExchange({
      forwardSubscription: (request) => ({
        subscribe: (sink) => ({ unsubscribe: wsClient.subscribe({ ...request, query: request.query ?? '' }, sink) }),
      }),
    })]
    : [fetchExchange],
});

const name = `urql ${transport}`;
const create = gql`
  mutation($input: CreateConnectorInput!) {
    createConnector(input: $input) {
      connector { id name }
      errors { __typename ... on Error { message } }
    }
  }`;
const update = gql`
  mutation($input: UpdateConnectorInput!) {
    updateConnector(input: $input) { connector { id version } errors { __typename ... on Error { message } } }
  }`;
const updated = gql`subscription($id: ID) { onConnectorUpdated(id: $id) { id name description version } }`;
const read = gql`query($id: ID!) { connectorById(id: $id) { id name description version config } }`;

async function run(operation, variables) {
  const result = await operation(variables).toPromise();
  if (result.error) throw result.error;
  return result.data;
}

const report = { transport };
report.created = (await run((v) => client.mutation(create, v), { input: { name, category: 'interop', config: { token: 'urql-secret' } } })).createConnector;
const id = report.created.connector.id;

let received;
const { unsubscribe } = client.subscription(updated, { id }).subscribe((result) => {
  if (result.error) { console.error(JSON.stringify(result.error)); process.exit(3); }
  received ??= result.data.onConnectorUpdated;
});
// Events are not replayed and the client cannot tell when the server has attached the subscription, so change the
// connector until an event arrives.
for (let n = 1; !received && n <= 100; n++) {
  await run((v) => client.mutation(update, v), { input: { id, description: `change ${n}` } });
  await new Promise((resolve) => setTimeout(resolve, 100));
}
unsubscribe();
report.event = received;
report.read = (await run((v) => client.query(read, v, { requestPolicy: 'network-only' }), { id })).connectorById;
await wsClient?.dispose();
console.log(JSON.stringify(report));
process.exit(0);
