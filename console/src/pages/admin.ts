// Admin: suppressions and proposals, the escalation policy with a route tester, webhook dead letters, drills — one
// section at a time by its path (/admin/{section}). Tenant admins change them; an analyst's key is refused (403) by
// the admin endpoints, so the page asks once which this key is, and shows an analyst what analysts may read.
import { ApiError, getJson } from "../api";
import { el, failure } from "../dom";
import type { Context, View } from "../router";
import type { AdminScope } from "./admin/common";
import { openDeadLetters } from "./admin/deadLetters";
import { openDrills } from "./admin/drills";
import { openPolicy } from "./admin/policy";
import { openSuppressions } from "./admin/suppressions";

const Sections: readonly { readonly path: string; readonly label: string; readonly open: (scope: AdminScope) => HTMLElement }[] = [
  { path: "suppressions", label: "Suppressions", open: openSuppressions },
  { path: "policy", label: "Escalation policy", open: openPolicy },
  { path: "dead-letters", label: "Dead letters", open: openDeadLetters },
  { path: "drills", label: "Drills", open: openDrills },
];

/** Whether this key is a tenant admin's: the webhooks list is for admins only. Unknown (an outage) counts as yes: the actions then say. */
async function isAdmin(): Promise<boolean> {
  try {
    await getJson<unknown>("/api/v1/escalation/webhooks");
    return true;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 401)) {
      if (error.status === 401) throw error;
      return false;
    }
    return true;
  }
}

export function openAdmin(context: Context, name: string): View {
  const stop = new AbortController();
  const chosen = Sections.find((s) => s.path === (name || "suppressions"));
  if (!name) {
    history.replaceState(null, "", "/admin/suppressions");
  }
  const tabs = el("nav", { class: "admin-tabs", "aria-label": "Admin sections" },
    ...Sections.map((s) => el("a", { href: `/admin/${s.path}`, ...(s === chosen ? { "aria-current": "page" } : {}) }, s.label)));
  const body = el("div", { id: "admin-body", "aria-busy": "true" }, el("p", { class: "hint" }, "Reading what this key may do…"));
  const role = el("p", { class: "hint", id: "admin-role" });
  context.main.append(el("h1", {}, chosen ? `Admin · ${chosen.label}` : "Admin"), tabs, role, body);
  if (!chosen) {
    body.replaceChildren(failure("The admin page has no such section: choose one above."));
    body.removeAttribute("aria-busy");
    return { dispose: () => stop.abort() };
  }
  void (async () => {
    try {
      const admin = await isAdmin();
      if (stop.signal.aborted) return;
      role.textContent = admin
        ? "Signed in as a tenant admin: changes here apply to the whole tenant and are kept in the audit log."
        : "Signed in as an analyst: you can read what analysts may read here. Only a tenant admin can change these.";
      role.dataset["role"] = admin ? "admin" : "analyst";
      body.replaceChildren(chosen.open({ context, admin, signal: stop.signal }));
      body.removeAttribute("aria-busy");
    } catch (error) {
      if (!stop.signal.aborted) {
        body.replaceChildren();
        context.fail(error, "The admin page");
      }
    }
  })();
  return { dispose: () => stop.abort() };
}
