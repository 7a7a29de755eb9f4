#!/bin/bash
# Time-to-escalation and webhook delivery under a steady load, and ingest with escalation on and off (see the README's
# Performance section). Run from the repository's root on a machine with nothing else running; it starts and stops the
# system itself, and a local webhook receiver (Node.js) that notes when each notice arrives.
set -u
cd "$(dirname "$0")/.."
. bench/system.sh

for mode in on off; do
  if [ $mode = off ]; then start --silo:Incidents:Escalation:Enabled false; else start; fi
  $load --alerts 50000 > /dev/null
  echo "ingest, escalation $mode:"; $load --alerts 200000 --seed 2 | grep -E "accepted alerts/s|visible in"
  stop
done

# The receiver answers at once and notes, for each routed notice, how long after the routing it arrived.
node -e '
const lags = [];
require("http").createServer((q, s) => { let b = ""; q.on("data", c => b += c).on("end", () => {
  if (q.url === "/stats") { lags.sort((a, b) => a - b); const p = f => lags.length ? lags[Math.min(lags.length - 1, Math.ceil(f * lags.length) - 1)] : null;
    s.end(JSON.stringify({ routedNotices: lags.length, p50Ms: p(0.5), p90Ms: p(0.9), p99Ms: p(0.99), maxMs: lags[lags.length - 1] ?? null })); return; }
  const n = JSON.parse(b); if (n.kind === "routed") lags.push(Date.now() - Date.parse(n.at)); s.end(); }); }).listen(9100, "127.0.0.1");' &
receiver=$!
start
for team in soc endpoint data-security network; do
  curl -s -o /dev/null -X PUT $api/api/v1/escalation/webhooks/$team-bench -H "$admin" -H "Content-Type: application/json" \
    -d "{\"team\":\"$team\",\"url\":\"http://127.0.0.1:9100/$team\",\"format\":\"generic\",\"secret\":\"whsec-bench-0123456789\"}"
done
$load --duration 60 --rate 4000 --seed 4 | grep -E "accepted alerts/s|incidents"
sleep 10 # the last notices' deliveries
echo "time-to-escalation (opened to team told) under load:"; curl -s $api/api/v1/metrics/response -H "$analyst"; echo
echo "webhook delivery (routed to the receiver's 200):"; curl -s http://127.0.0.1:9100/stats; echo
stop
kill $receiver
