#!/bin/bash
# Time-to-enrichment under a steady load, and ingest with enrichment on and off (see the README's Performance section).
# Run from the repository's root on a machine with nothing else running; it starts and stops the system itself.
set -u
cd "$(dirname "$0")/.."
. bench/system.sh

for mode in on off; do
  if [ $mode = off ]; then start --silo:Incidents:Enrichment:Enabled false; else start; fi
  $load --alerts 50000 > /dev/null
  echo "ingest, enrichment $mode:"; $load --alerts 200000 --seed 2 | grep -E "accepted alerts/s|visible in"
  stop
done

start
$load --alerts 50000 > /dev/null
{ echo "name,owner,criticality,zone"; for i in $(seq 0 299); do echo "nh-$i,team-$((i % 7)),$((1 + i % 5)),$([ $((i % 10)) = 0 ] && echo crown-jewel || echo internal)"; done; } |
  curl -s -X PUT $api/api/v1/assets -H "$admin" -H "Content-Type: text/csv" --data-binary @- > /dev/null
{ echo "type,value,source,confidence"; for i in $(seq 0 49); do echo "ip,45.1.$i.$i,bench-feed,80"; done; } |
  curl -s -X POST $api/api/v1/intel -H "$admin" -H "Content-Type: text/csv" --data-binary @- > /dev/null
$load --duration 70 --rate 4000 --seed 4 > /dev/null &
paced=$!
sleep 5
for i in $(seq 0 299); do
  curl -s -o /dev/null -X POST $api/api/v1/alerts -H "$ingest" -H "Content-Type: application/json" \
    -d "{\"source\":\"edr\",\"sourceId\":\"tte-$i\",\"time\":\"2026-12-06T04:00:00Z\",\"title\":\"Suspicious PowerShell download\",\"severity\":\"high\",\"host\":\"nh-$i\",\"user\":\"user-$i\",\"dst\":{\"ip\":\"45.1.$((i % 100)).$((i % 100))\",\"port\":443}}" &
  sleep 0.2
done
wait $paced
echo "time-to-enrichment under load:"; curl -s $api/api/v1/metrics/enrichment -H "$analyst"; echo
stop
