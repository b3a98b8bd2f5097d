// Drives the server with the official graphql-ws client (graphql-transport-ws subprotocol).
// Usage: node graphql-ws-client.mjs <ws-url> <topic>; prints one JSON line with what it saw.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, topic] = process.argv.slice(2);
if (!url || !topic) {
  console.error('usage: node graphql-ws-client.mjs <ws-url> <topic>');
  process.exit(64);
}
setTimeout(() => { console.error('graphql-ws client: timed out'); process.exit(2); }, 60_000).unref();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const client = createClient({
  url,
  webSocketImpl: WebSocket, // Node 20 has no global WebSocket.
  // The test suite's API token, when the server requires one (COCO_API_TOKEN).
  connectionParams: { user: 'graphql-ws', ...(process.env.COCO_API_TOKEN ? { 'X-API-TOKEN': process.env.COCO_API_TOKEN } : {}) },
  retryAttempts: 0,
});

async function single(query, variables) {
  for await (const result of client.iterate({ query, variables })) {
    return result;
  }
  throw new Error('no result');
}

async function subscribers() {
  const result = await single('query($topic: String!) { subscribers(topic: $topic) }', { topic });
  return result.data.subscribers;
}

const report = {};
report.connectionParam = (await single('{ connectionParam(name: "user") }')).data.connectionParam;

const messages = [];
let unsubscribe;
const threeMessages = new Promise((resolve, reject) => {
  unsubscribe = client.subscribe(
    { query: 'subscription($topic: String!) { messages(topic: $topic) { text seq } }', variables: { topic } },
    {
      next: (result) => { messages.push(result.data.messages); if (messages.length === 3) resolve(); },
      error: reject,
      complete: () => {},
    },
  );
});
// Events are not replayed, so publish only once the server has attached the subscription.
while ((await subscribers()) < 1) await sleep(50);
report.published = (await single(
  'mutation($topic: String!) { publish(topic: $topic, text: "from graphql-ws", count: 3) }', { topic })).data.publish;
await threeMessages;
report.messages = messages;
unsubscribe();
while ((await subscribers()) > 0) await sleep(50);
report.released = true;

report.ticks = [];
for await (const result of client.iterate({ query: 'subscription { ticks(count: 3) }' })) {
  report.ticks.push(result.data.ticks);
}

try {
  await single('subscription { nope }');
} catch (errors) {
  report.validationError = errors[0].message;
}

await client.dispose();
console.log(JSON.stringify(report));
