// Preloaded (node --require) before Azurite by AzuriteProcess and the AppHost: mends a fault in the pinned Azurite
// (3.37.0) that stops every blob write for good while reads still answer.
//
// Azurite writes blob bodies through 50 write slots (FSExtentStore's append queue); a write waits for a slot with its
// request unread. If the client gives up meanwhile (its timeout, a killed silo), Node destroys the request, and its
// 'close'/'error' are emitted to no one. When the write gets its slot, streamPipe listens for events that already
// happened and waits for ever, holding the slot. Fifty such writes and no blob write is answered again until Azurite
// restarts (tests/Incidents.Azurite.Tests: WriteSlotTests reproduces it; docs/operations.md tells the story).
//
// The mend: a request already destroyed when its write starts fails at once, which frees the slot the way any failed
// write does (the extent is truncated back). Its client is gone: nobody waits for the answer.
"use strict";
const path = require("path");

const expected = "3.37.0";
const root = path.dirname(require.resolve("azurite/package.json", { paths: [__dirname] }));
const version = require(path.join(root, "package.json")).version;
const store = require(path.join(root, "dist", "src", "common", "persistence", "FSExtentStore.js")).default;

if (version !== expected || typeof store?.prototype?.streamPipe !== "function") {
  // Another Azurite: its code may differ. Say so rather than patch blind; check the fault and this file again.
  console.warn(`azurite-fixes.cjs: written for Azurite ${expected}, found ${version}; not applied.`);
} else {
  const streamPipe = store.prototype.streamPipe;
  store.prototype.streamPipe = function (rs, ws, fd, contextId) {
    if (rs && rs.destroyed && !rs.readableEnded) {
      const error = new Error("The request was abandoned by its client before its body was written.");
      error.code = "ECONNRESET";
      return Promise.reject(error);
    }

    return streamPipe.call(this, rs, ws, fd, contextId);
  };
}
