#!/bin/bash
# Issue 19's system figures in one run (see the README's Performance section): durable ingest on known hosts and its
# dry-run baseline, post → 202 and 202 → visible at 5,000 alerts/s, ingest on new hosts, and known hosts again once
# storage holds 100,000 grains' state. Starts and stops the system itself, on fresh storage; run it from the
# repository's root on a machine with nothing else running.
#   bench/pipeline.sh                   this checkout
#   bench/pipeline.sh /path/to/other    the system built from another checkout (the baseline), this load generator
set -u
cd "$(dirname "$0")/.."
system=${1:-.}
. bench/system.sh

figures() { grep -E "slowest answer|accepted alerts/s|accepted / dup|post → 20|visible in its|not seen|chains whole|exfil incidents|host counts|ground truth|503 answers"; }
# Host and incident state is written some seconds after it changes: wait until Azurite's files stop growing.
settle() {
  local last=-1 size
  for _ in $(seq 1 180); do
    size=$(du -sb "$data" | cut -f1); [ "$size" = "$last" ] && return; last=$size; sleep 10
  done
}

echo "system: $(git -C "$system" log -1 --format='%h %s' | cut -c1-80)"
start
echo "## warm-up: 50,000 alerts, activating 2,000 hosts";              $load --alerts 50000 | figures
echo "## durable ingest, known hosts: 200,000";                         $load --alerts 200000 --seed 2 | figures
echo "## dry run (parse only), same system: 200,000";                   $load --alerts 200000 --seed 3 --dry-run | figures
# A steady load from a quiet start: the runs above leave thousands of states to write in the next 30 s.
settle; echo "## paced at 5,000 alerts/s for 60 s, storage settled first"; $load --duration 60 --rate 5000 --seed 4 | figures
echo "## new hosts: 100,000 alerts over 100,000 hosts in turn (98,000 new)"
$load --alerts 100000 --hosts 100000 --sweep --chains 0 --exfil 0 --seed 5 | figures
settle; echo "storage settled: $(du -sh "$data" | cut -f1)"
echo "## durable ingest, known hosts, storage holding 100,000 hosts' state: 200,000"
$load --alerts 200000 --seed 6 | figures
stop
