// Preloaded (node --require) by AzuriteProcess before Azurite itself. The .NET process holds the write end of
// our stdin; when it closes it or dies (a killed or crashed test run), stdin ends and Azurite stops with it
// instead of living on as an orphan.
"use strict";
process.stdin.on("end", () => {
  process.stdin.destroy();
  // Azurite's own SIGINT handler closes its servers and flushes its metadata files to --location.
  process.kill(process.pid, "SIGINT");
  // If that does not finish, leave anyway; unref so this timer alone keeps nothing alive.
  setTimeout(() => process.exit(0), 5000).unref();
});
process.stdin.resume();
