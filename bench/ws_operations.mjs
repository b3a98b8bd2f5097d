// Sends N operations ({ __typename }) over one open WebSocket as fast as it can and counts how many were answered
// with data, how many refused with RATE_LIMITED, and how many with another error (e.g. TOO_MANY_OPERATIONS, the
// per-connection cap on operations running at once). usage: node bench/ws_operations.mjs URL TOKEN PROTOCOL N
import WebSocket from '../tests/interop/node_modules/ws/index.js';

const [url, token, protocol, count] = process.argv.slice(2);
const n = Number(count);
const apollo = protocol === 'graphql-ws';
const socket = new WebSocket(url, protocol, { headers: { 'X-API-TOKEN': token } });
let data = 0, limited = 0, other = 0, done = false;
const started = process.hrtime.bigint();
socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
socket.on('message', (raw) => {
  const message = JSON.parse(raw);
  if (message.type === 'connection_ack') {
    for (let i = 0; i < n; i++) {
      socket.send(JSON.stringify({ id: `q${i}`, type: apollo ? 'start' : 'subscribe', payload: { query: '{ __typename }' } }));
    }
  } else if (message.type === 'next' || message.type === 'data') {
    data++;
  } else if (message.type === 'error') {
    const error = apollo ? message.payload.errors[0] : message.payload[0];
    if (error.extensions?.code === 'RATE_LIMITED') limited++; else other++;
  }
  if (!done && data + limited + other === n) {
    done = true;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(JSON.stringify({ protocol, sent: n, data, limited, other, ms: Math.round(ms), open: socket.readyState === WebSocket.OPEN }));
    socket.close();
  }
});
socket.on('close', (code) => { if (data + limited + other < n) { console.log(JSON.stringify({ protocol, closed: code, data, limited, other })); } });
