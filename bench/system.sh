#!/bin/bash
# What the system benchmarks share (sourced by bench/enrichment.sh and bench/escalation.sh): the Release build, the
# development keys, the load generator, and starting and stopping the system on fresh storage. $system, when set, is
# another checkout whose system is run (a baseline); the load generator is always this one.
system=${system:-.}
data=$(mktemp -d)
api=http://localhost:5080
admin="X-Api-Key: inc_dev_admin_c94e2b70a1f83d56"; analyst="X-Api-Key: inc_dev_analyst_8e3a61d4b7c2f095"; ingest="X-Api-Key: inc_dev_ingest_5b1f0c7e2a9d4c38"
load="dotnet run -c Release --no-build --project bench/Incidents.LoadGenerator --"
[ -n "${NOBUILD:-}" ] || { dotnet build -c Release "$system/AppHost" >/dev/null && dotnet build -c Release bench/Incidents.LoadGenerator >/dev/null; } || exit 1

start() { # $@: AppHost settings
  rm -rf "$data"; mkdir -p "$data"
  dotnet run -c Release --no-build --project "$system/AppHost" -- --silos 1 --azurite-data "$data" "$@" > "$data.apphost.log" 2>&1 &
  apphost=$!
  for _ in $(seq 1 120); do curl -sf $api/health >/dev/null && return; sleep 2; done
  echo "the system did not start: $data.apphost.log"; exit 1
}
# SIGTERM, as a process manager stops it: the AppHost stops the silos, the API and Azurite with it (within seconds).
stop() {
  pkill -TERM -f "bin/Release/net10.0/Incidents.AppHost"; wait $apphost
  for _ in $(seq 1 60); do pgrep -f "bin/Release/net10.0/Incidents.(Silo|Api)" >/dev/null || return; sleep 1; done
}
