// Subscribes to onConnectorUpdated on the REAL connector schema with one of the official clients and prints each
// event as it arrives; the caller (the xunit test) makes the writes.
// Usage: node connector-updates.mjs <graphql-ws|apollo> <ws-url> <connector-id> <count>
// Prints one JSON line per event ({"event": {...}}), then one report line ({"events": [...], "done": true}).
import { createClient } from 'graphql-ws';
import transport from 'subscriptions-transport-ws';
import WebSocket from 'ws';

const [kind, url, id, countText] = process.argv.slice(2);
const count = Number(countText);
if (!['graphql-ws', 'apollo'].includes(kind) || !url || !id || !(count > 0)) {
  console.error('usage: node connector-updates.mjs <graphql-ws|apollo> <ws-url> <connector-id> <count>');
  process.exit(64);
}
setTimeout(() => { console.error(`${kind} connector client: timed out`); process.exit(2); }, 60_000).unref();

const query = 'subscription($id: ID) { onConnectorUpdated(id: $id) { id version description config } }';
const events = [];

function receive(result, done, fail) {
  if (result.errors) {
    fail(new Error(JSON.stringify(result.errors)));
    return;
  }
  const event = result.data.onConnectorUpdated;
  events.push(event);
  console.log(JSON.stringify({ event }));
  if (events.length === count) done();
}

if (kind === 'graphql-ws') {
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: process.env.COCO_API_TOKEN ? { 'X-API-TOKEN': process.env.COCO_API_TOKEN } : {},
  });
  let unsubscribe;
  await new Promise((resolve, reject) => {
    unsubscribe = client.subscribe({ query, variables: { id } }, {
      next: (result) => receive(result, resolve, reject),
      error: reject,
      complete: () => reject(new Error('the subscription completed early')),
    });
  });
  unsubscribe();
  await client.dispose();
} else {
  const { SubscriptionClient } = transport;
  const client = new SubscriptionClient(url, {
    reconnect: false,
    connectionParams: process.env.COCO_API_TOKEN ? { 'X-API-TOKEN': process.env.COCO_API_TOKEN } : {},
  }, WebSocket);
  let subscription;
  await new Promise((resolve, reject) => {
    subscription = client.request({ query, variables: { id } }).subscribe({
      next: (result) => receive(result, resolve, reject),
      error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
      complete: () => reject(new Error('the subscription completed early')),
    });
  });
  subscription.unsubscribe();
  client.close();
}

console.log(JSON.stringify({ events, done: true }));
