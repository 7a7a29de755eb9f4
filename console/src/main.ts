// The console's entry: sign-in, then the queue with the live feed.
import { ApiError, forgetKey, getJson, storedKey, storeKey } from "./api";
import { byId, clear, el } from "./dom";
import { follow } from "./feed";
import { QueueView } from "./queue";

const main = byId<HTMLElement>("main");
const live = byId<HTMLElement>("live");
const signOutButton = byId<HTMLButtonElement>("sign-out");
let stopFeed: (() => void) | null = null;
let queue: QueueView | null = null;

function leave(): void {
  stopFeed?.();
  stopFeed = null;
  queue?.dispose();
  queue = null;
}

function signOut(message?: string): void {
  leave();
  forgetKey();
  showSignIn(message);
}

function showSignIn(message?: string): void {
  signOutButton.hidden = true;
  live.textContent = "";
  const error = el("p", { class: "error", id: "sign-in-error", role: "alert" }, message ?? "");
  error.hidden = !message;
  const key = el("input", {
    id: "api-key", name: "api-key", type: "password", autocomplete: "off", required: "", spellcheck: "false",
  });
  const submit = el("button", { type: "submit" }, "Sign in");
  const form = el("form", { class: "sign-in", id: "sign-in", "aria-labelledby": "sign-in-heading" },
    el("h1", { id: "sign-in-heading" }, "Sign in"),
    el("label", { for: "api-key" }, "API key"),
    key,
    el("p", { class: "hint" }, "Kept for this browser tab only, and sent with each request."),
    error,
    submit);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const value = key.value.trim();
    submit.disabled = true;
    error.hidden = true;
    // The queue is what an analyst's key reads: if it answers, the key is good.
    getJson<unknown>("/api/v1/incidents?limit=1", value)
      .then(() => {
        storeKey(value);
        void showQueue();
      })
      .catch((failure: unknown) => {
        error.textContent = failure instanceof ApiError ? failure.message : "Signing in failed. Try again.";
        error.hidden = false;
        submit.disabled = false;
        key.focus();
        key.select();
      });
  });
  clear(main);
  main.append(form);
  key.focus();
}

async function showQueue(): Promise<void> {
  leave();
  signOutButton.hidden = false;
  const view = new QueueView(main);
  queue = view;
  try {
    await view.load();
  } catch (failure) {
    if (failure instanceof ApiError && failure.status === 401) {
      signOut(failure.message);
      return;
    }
    main.prepend(el("p", { class: "error", role: "alert" }, failure instanceof ApiError ? failure.message : "The queue could not be read."));
  }
  stopFeed = follow({
    onEvent: (event) => {
      view.apply(event);
      if (event.type === "ready") {
        // Changes made between reading the queue and the feed going live are in the queue read again now.
        void view.load().catch(() => undefined);
      }
    },
    onState: (state, detail) => {
      live.textContent = state === "live" ? "Live" : state === "connecting" ? "Connecting…" : detail ?? "Reconnecting…";
      live.dataset["state"] = state;
    },
    onRefused: (error) => signOut(error.message),
  });
}

signOutButton.addEventListener("click", () => signOut());

if (storedKey()) {
  void showQueue();
} else {
  showSignIn();
}
