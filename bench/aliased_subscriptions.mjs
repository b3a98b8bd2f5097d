// Aliased subscriptions (hostile-input follow-up): SOCKETS sockets x PER_SOCKET subscriptions to
// onConnectorUpdated(id:) { <alias>: config }, each with an alias of its own, on a connector holding a ~240 KB config;
// then one update. Reports how many subscriptions the server accepted, and the server's CPU time and peak RSS growth
// (VmRSS sampled every 20 ms) from the update until every accepted subscription has its event. With ALIASES > 1 each
// subscription selects the config under that many aliases of its own (a0_0: config a0_1: config …).
// usage: node bench/aliased_subscriptions.mjs <server pid> <base url> [sockets=5] [per socket=200] [aliases=1]
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
const require = createRequire(new URL("../tests/interop/package.json", import.meta.url));
const WebSocket = require("ws");
const [pid, base, sockets = 5, perSocket = 200, aliases = 1] = process.argv.slice(2);
const hz = 100;
const ticks = () => { const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(")").pop().trim().split(/\s+/); return +f[11] + +f[12]; };
const rssKb = () => +readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)[1];
const config = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`blob_${i}`, "x".repeat(4000)]));
const created = await (await fetch(`${base}/connector/`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "watched", config }) })).json();
const id = created._id;
let accepted = 0, refused = 0, events = 0, eventErrors = 0, eventBytes = 0;
const codes = {};
const opened = [];
for (let s = 0; s < +sockets; s++) {
  const ws = new WebSocket(base.replace("http", "ws") + "/graphql", "graphql-transport-ws", { maxPayload: 64 << 20 });
  await new Promise((ok, fail) => { ws.on("open", ok); ws.on("error", fail); });
  ws.send(JSON.stringify({ type: "connection_init" }));
  ws.on("message", raw => {
    const m = JSON.parse(raw);
    if (m.type === "error") refused++;
    if (m.type === "next") {
      events++; eventBytes += raw.length;
      if (m.payload.errors) { eventErrors++; const c = m.payload.errors[0].extensions?.code; codes[c] = (codes[c] ?? 0) + 1; }
    }
  });
  await new Promise(ok => ws.once("message", ok));
  for (let i = 0; i < +perSocket; i++) {
    const n = s * +perSocket + i;
    ws.send(JSON.stringify({ id: `${n}`, type: "subscribe", payload: { query: `subscription($id: ID) { onConnectorUpdated(id: $id) { ${Array.from({ length: +aliases }, (_, k) => `a${n}_${k}: config`).join(" ")} } }`, variables: { id } } }));
  }
  opened.push(ws);
}
await new Promise(ok => setTimeout(ok, 3000));
accepted = +sockets * +perSocket - refused;
const before = ticks(), rssBefore = rssKb();
let peak = rssBefore;
const sampler = setInterval(() => { peak = Math.max(peak, rssKb()); }, 20);
await fetch(`${base}/connector/${id}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ description: "changed" }) });
const start = Date.now();
while (events < accepted && Date.now() - start < 300000) await new Promise(ok => setTimeout(ok, 50));
await new Promise(ok => setTimeout(ok, 300));
clearInterval(sampler);
console.log(`subscriptions=${+sockets * +perSocket} accepted=${accepted} refused=${refused} events=${events} event_errors=${eventErrors} error_codes=${JSON.stringify(codes)} event_mb=${(eventBytes / 1048576).toFixed(1)} server_cpu_ms=${((ticks() - before) * 1000 / hz).toFixed(0)} rss_peak_growth_mb=${((peak - rssBefore) / 1024).toFixed(0)}`);
for (const ws of opened) ws.terminate();
process.exit(0);
