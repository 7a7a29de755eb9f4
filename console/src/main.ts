// The console's entry: sign-in, then the pages with one live feed shared between them.
import { ApiError, forgetKey, getJson, isBearerToken, storedKey, storeKey } from "./api";
import { byId, clear, el } from "./dom";
import { follow } from "./feed";
import { openAdmin } from "./pages/admin";
import { openHost, openUser } from "./pages/entity";
import { openIncident } from "./pages/incident";
import { openMetrics } from "./pages/metrics";
import { openQueue } from "./pages/queue";
import { type Route, Router } from "./router";
import { beginSignIn, completeSignIn, providerOf, ReturnPath } from "./signin";

const routes: readonly Route[] = [
  { pattern: /^\/$/, name: "Queue", nav: "queue", open: openQueue },
  { pattern: /^\/incidents\/([^/]+)\/?$/, name: "Incident", nav: "queue", open: (c, [id]) => openIncident(c, id ?? "") },
  { pattern: /^\/hosts\/([^/]+)\/?$/, name: "Host", nav: "queue", open: (c, [name]) => openHost(c, name ?? "") },
  { pattern: /^\/users\/([^/]+)\/?$/, name: "User", nav: "queue", open: (c, [name]) => openUser(c, name ?? "") },
  { pattern: /^\/metrics\/?$/, name: "Response metrics", nav: "metrics", open: openMetrics },
  { pattern: /^\/admin(?:\/([a-z-]+))?\/?$/, name: "Admin", nav: "admin", open: (c, [section]) => openAdmin(c, section ?? "") },
];

const main = byId<HTMLElement>("main");
const nav = byId<HTMLElement>("nav");
const live = byId<HTMLElement>("live");
const signOutButton = byId<HTMLButtonElement>("sign-out");
let stopFeed: (() => void) | null = null;
let router: Router | null = null;

function leave(): void {
  stopFeed?.();
  stopFeed = null;
  router?.stop();
  router = null;
}

function signOut(message?: string): void {
  leave();
  forgetKey();
  showSignIn(message);
}

function showSignIn(message?: string): void {
  signOutButton.hidden = true;
  nav.hidden = true;
  live.textContent = "";
  document.title = "Sign in · Incidents";
  const error = el("p", { class: "error", id: "sign-in-error", role: "alert" }, message ?? "");
  error.hidden = !message;
  const key = el("input", {
    id: "api-key", name: "api-key", type: "password", autocomplete: "off", required: "", spellcheck: "false",
  });
  const submit = el("button", { type: "submit" }, "Sign in");
  const form = el("form", { class: "sign-in", id: "sign-in", "aria-labelledby": "sign-in-heading" },
    el("h1", { id: "sign-in-heading" }, "Sign in"),
    el("label", { for: "api-key" }, "API key or token"),
    key,
    el("p", { class: "hint" }, "An analyst's API key, or a token from your identity provider. Kept for this browser tab only, and sent with each request."),
    error,
    submit);
  // With an identity provider configured, the usual way in is through it; the key field stays for service keys.
  void providerOf().then((provider) => {
    if (!provider || !form.isConnected) return;
    const button = el("button", { type: "button", id: "sign-in-provider", class: "secondary" }, "Sign in with your organisation");
    button.addEventListener("click", () => {
      button.disabled = true;
      beginSignIn(provider, location.pathname === ReturnPath ? "/" : location.pathname + location.search).catch((failure: unknown) => {
        error.textContent = failure instanceof Error ? failure.message : "Signing in failed. Try again.";
        error.hidden = false;
        button.disabled = false;
      });
    });
    form.append(el("p", { class: "or" }, "or"), button);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const value = key.value.trim();
    submit.disabled = true;
    error.hidden = true;
    // The queue is what an analyst reads: if it answers, the secret is good.
    getJson<unknown>("/api/v1/incidents?limit=1", value)
      .then(() => {
        storeKey(value);
        start();
      })
      .catch((failure: unknown) => {
        error.textContent = failure instanceof ApiError
          ? failure.status === 401 && isBearerToken(value) ? "That token was not accepted: it may have expired. Sign in again." : failure.message
          : "Signing in failed. Try again.";
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

function start(): void {
  leave();
  signOutButton.hidden = false;
  nav.hidden = false;
  const pages = new Router(routes, main, nav, signOut);
  router = pages;
  pages.start();
  stopFeed = follow({
    onEvent: (event) => pages.feed(event),
    onState: (state, detail) => {
      live.textContent = state === "live" ? "Live" : state === "connecting" ? "Connecting…" : detail ?? "Reconnecting…";
      live.dataset["state"] = state;
    },
    onRefused: (error) => signOut(error.message),
  });
}

signOutButton.addEventListener("click", () => signOut());

async function returnFromProvider(): Promise<void> {
  const provider = await providerOf();
  if (!provider) {
    history.replaceState(null, "", "/");
    showSignIn("This console does not sign in through an identity provider. Sign in with a key.");
    return;
  }
  try {
    const { token, returnTo } = await completeSignIn(provider);
    storeKey(token);
    history.replaceState(null, "", returnTo);
    start();
  } catch (failure) {
    history.replaceState(null, "", "/");
    showSignIn(failure instanceof Error ? failure.message : "Signing in failed. Try again.");
  }
}

if (location.pathname === ReturnPath) {
  void returnFromProvider();
} else if (storedKey()) {
  start();
} else {
  showSignIn();
}
