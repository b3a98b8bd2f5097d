// Memory per onConnectorChanged(where:) subscription (hostile-input follow-up): SUBS subscriptions on one WebSocket to
// a filter that matches most connectors ({enabled: {eq: true}}), all the same filter ("identical") or each its own
// ("distinct": the same filter and name neq "<n>"). One created connector that matches then proves every subscription
// is live (its event waits for the subscription's start, which on the baseline reads every matching id). Reports the
// server's RSS growth and CPU time from before the first subscribe until every subscription has that event.
// usage: node bench/where_subscriptions.mjs <server pid> <base url> [subs=20] [identical|distinct]
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
const require = createRequire(new URL("../tests/interop/package.json", import.meta.url));
const WebSocket = require("ws");
const [pid, base, subs = 20, mode = "identical"] = process.argv.slice(2);
const hz = 100;
const ticks = () => { const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(")").pop().trim().split(/\s+/); return +f[11] + +f[12]; };
const rssKb = () => +readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)[1];
const rssBefore = rssKb(), cpuBefore = ticks();
let peak = rssBefore;
const sampler = setInterval(() => { peak = Math.max(peak, rssKb()); }, 20);
const ws = new WebSocket(base.replace("http", "ws") + "/graphql", "graphql-transport-ws");
await new Promise((ok, fail) => { ws.on("open", ok); ws.on("error", fail); });
ws.send(JSON.stringify({ type: "connection_init" }));
await new Promise(ok => ws.once("message", ok));
let events = 0, errors = 0;
const codes = {};
ws.on("message", raw => {
  const m = JSON.parse(raw);
  if (m.type === "error" || m.payload?.errors) {
    errors++;
    const code = (Array.isArray(m.payload) ? m.payload : m.payload?.errors)?.[0]?.extensions?.code;
    codes[code] = (codes[code] ?? 0) + 1;
  }
  else if (m.type === "next") events++;
});
for (let n = 0; n < +subs; n++) {
  const where = mode === "distinct" ? { enabled: { eq: true }, name: { neq: `${n}` } } : { enabled: { eq: true } };
  ws.send(JSON.stringify({ id: `${n}`, type: "subscribe", payload: {
    query: "subscription($where: ConnectorFilterInput) { onConnectorChanged(where: $where) { id matches } }", variables: { where } } }));
}
// Give every subscription time to attach before the write (a subscription that attaches later misses it).
await new Promise(ok => setTimeout(ok, 2000));
const created = await fetch(`${base}/connector/`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "where-bench" }) });
// The baseline's snapshots can hold the store long enough that the write is refused (503); then the RSS is read once
// it has not grown for 10 s (every snapshot read), and create_status says so.
const start = Date.now();
if (created.ok) {
  while (events + errors < +subs && Date.now() - start < 600000) await new Promise(ok => setTimeout(ok, 50));
} else {
  let last = rssKb(), still = Date.now();
  while (Date.now() - still < 10000 && Date.now() - start < 600000) {
    await new Promise(ok => setTimeout(ok, 500));
    const now = rssKb();
    if (now > last + 1024) { last = now; still = Date.now(); }
  }
}
await new Promise(ok => setTimeout(ok, 500));
clearInterval(sampler);
const rssAfter = rssKb();
console.log(`mode=${mode} subs=${subs} create_status=${created.status} events=${events} errors=${errors} error_codes=${JSON.stringify(codes)} server_cpu_ms=${((ticks() - cpuBefore) * 1000 / hz).toFixed(0)} ` +
  `rss_growth_mb=${((rssAfter - rssBefore) / 1024).toFixed(0)} rss_peak_growth_mb=${((peak - rssBefore) / 1024).toFixed(0)} ` +
  `per_subscription_mb=${((rssAfter - rssBefore) / 1024 / +subs).toFixed(2)}`);
ws.close();
