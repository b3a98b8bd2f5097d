// Drives the server with Apollo's subscriptions-transport-ws client (legacy graphql-ws subprotocol).
// Usage: node apollo-client.mjs <ws-url> <topic>; prints one JSON line with what it saw.
import transport from 'subscriptions-transport-ws';
import WebSocket from 'ws';

const { SubscriptionClient } = transport;
const [url, topic] = process.argv.slice(2);
if (!url || !topic) {
  console.error('usage: node apollo-client.mjs <ws-url> <topic>');
  process.exit(64);
}
setTimeout(() => { console.error('apollo client: timed out'); process.exit(2); }, 60_000).unref();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const client = new SubscriptionClient(url, { reconnect: false, connectionParams: { user: 'apollo', ...(process.env.COCO_API_TOKEN ? { authorization: `Bearer ${process.env.COCO_API_TOKEN}` } : {}) } }, WebSocket);

function single(query, variables) {
  return new Promise((resolve, reject) => {
    const subscription = client.request({ query, variables }).subscribe({
      next: (result) => { resolve(result); subscription.unsubscribe(); },
      error: reject,
    });
  });
}

async function subscribers() {
  const result = await single('query($topic: String!) { subscribers(topic: $topic) }', { topic });
  return result.data.subscribers;
}

const report = {};
report.connectionParam = (await single('{ connectionParam(name: "user") }')).data.connectionParam;

const messages = [];
let subscription;
const threeMessages = new Promise((resolve, reject) => {
  subscription = client
    .request({ query: 'subscription($topic: String!) { messages(topic: $topic) { text seq } }', variables: { topic } })
    .subscribe({
      next: (result) => { messages.push(result.data.messages); if (messages.length === 3) resolve(); },
      error: reject,
    });
});
// Events are not replayed, so publish only once the server has attached the subscription.
while ((await subscribers()) < 1) await sleep(50);
report.published = (await single(
  'mutation($topic: String!) { publish(topic: $topic, text: "from apollo", count: 3) }', { topic })).data.publish;
await threeMessages;
report.messages = messages;
subscription.unsubscribe();
while ((await subscribers()) > 0) await sleep(50);
report.released = true;

report.ticks = await new Promise((resolve, reject) => {
  const ticks = [];
  client.request({ query: 'subscription { ticks(count: 3) }' }).subscribe({
    next: (result) => ticks.push(result.data.ticks),
    error: reject,
    complete: () => resolve(ticks),
  });
});

try {
  await single('subscription { nope }');
} catch (error) {
  // This client hands observers the first GraphQL error only.
  report.validationError = error.message;
}

client.close();
console.log(JSON.stringify(report));
