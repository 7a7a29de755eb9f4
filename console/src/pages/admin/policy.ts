// The escalation policy (GET/PUT /api/v1/escalation/policy with ETag and If-Match) read as routes → teams with their
// conditions and levels, edited as JSON, and a route tester (POST …/policy/test) against the policy in force or the draft.
import { ApiError, getTagged, sendJson } from "../../api";
import { el, field, section, textInput } from "../../dom";
import type { Condition, Level, Policy, Route, Team } from "../../contracts";
import { duration, spanMs } from "../../format";
import { type AdminScope, errorArea, listOf, readOnlyNote, statusLine } from "./common";

interface RouteTrial {
  readonly route?: Route | null;
  readonly team?: Team | null;
  readonly policyVersion: number;
  readonly problems?: readonly string[];
  readonly because?: string | null;
}

const Severities = ["info", "low", "medium", "high", "critical"] as const;

/** "categories exfiltration or collection, severity high or more": what one condition asks, every part of it. */
export function describeCondition(c: Condition): string {
  const parts: string[] = [];
  const list = (name: string, values: readonly string[] | undefined): void => {
    if (values && values.length > 0) parts.push(`${name} ${values.join(" or ")}`);
  };
  list("category", c.categories);
  list("tactic", c.tactics);
  if (c.minSeverity) parts.push(`severity ${c.minSeverity} or more`);
  if (c.minCriticality != null) parts.push(`criticality ${String(c.minCriticality)} or more`);
  list("zone", c.zones);
  list("tag", c.tags);
  if (c.intelHit) parts.push("an intelligence hit");
  return parts.length > 0 ? parts.join(", ") : "anything";
}

/** "at once" or "after 15 min": a level's wait from the routing. */
export function describeWait(after: string): string {
  const ms = spanMs(after);
  return ms === null ? after : ms === 0 ? "at once" : `after ${duration(ms)}`;
}

function teamName(policy: Policy, id: string): string {
  const team = policy.teams.find((t) => t.id === id);
  return team ? `${team.name} (${team.id})` : id;
}

function levelList(levels: readonly Level[] | undefined, start = 1): HTMLElement {
  return el("ol", { class: "levels", start: String(start) }, ...(levels ?? []).map((l) => el("li", {}, el("strong", {}, l.name), ` — ${describeWait(l.after)}`)));
}

/** The policy, readably: its teams, then its routes in order with what each asks and who hears when. */
function policyView(policy: Policy): HTMLElement {
  return el("div", { class: "policy-view", id: "policy-view" },
    el("p", { class: "hint" }, `Version ${String(policy.version)}. The first route that matches an incident takes it; the last is the default.`),
    el("h3", {}, "Teams"),
    el("ul", { class: "teams" }, ...policy.teams.map((t) => el("li", {}, el("strong", {}, t.name), " ", el("span", { class: "mono" }, t.id)))),
    el("h3", {}, "Routes"),
    el("ol", { class: "routes", id: "policy-routes" }, ...policy.routes.map((r) =>
      el("li", { class: "route" },
        el("div", { class: "route-head" }, el("strong", {}, r.name), " → ", el("span", { class: "team" }, teamName(policy, r.team))),
        el("div", { class: "route-when" }, (r.when ?? []).length === 0
          ? "Every other incident (the default route)."
          : el("span", {}, "When any of: ", el("ul", { class: "conditions" }, ...(r.when ?? []).map((c) => el("li", {}, describeCondition(c)))))),
        levelList(r.levels)))));
}

export function openPolicy(scope: AdminScope): HTMLElement {
  let policy: Policy | null = null;
  let etag: string | null = null;
  const view = el("div", { id: "policy-view-area", "aria-busy": "true" }, el("p", { class: "hint" }, "Reading the policy…"));
  const text = el("textarea", { id: "policy-json", name: "policy", rows: "24", spellcheck: "false", class: "mono" });
  const save = el("button", { type: "submit", id: "policy-save" }, "Save policy");
  const reset = el("button", { type: "button", class: "secondary", id: "policy-reset" }, "Start again from the policy in force");
  const errors = errorArea("policy-error");
  const done = statusLine("policy-status");
  save.hidden = !scope.admin;
  const editor = el("form", { class: "form policy-editor", id: "policy-form", "aria-labelledby": "policy-editor-heading" },
    el("h3", { id: "policy-editor-heading" }, "Edit as JSON"),
    el("p", { class: "hint" }, "Each route: a name, conditions in \"when\" (any one may hold; each holds when all its fields do), a team, and levels with \"after\" as hh:mm:ss (the first 00:00:00, each next one later). Saving checks that nobody changed it since you read it."),
    scope.admin ? null : readOnlyNote(undefined, "You can still try a draft in the route tester."),
    field("policy-json", "Policy (JSON)", text),
    errors.element,
    done,
    el("div", { class: "actions" }, save, reset));

  const show = (fresh: Policy, tag: string | null, replaceDraft: boolean): void => {
    policy = fresh;
    etag = tag;
    view.replaceChildren(policyView(fresh));
    view.removeAttribute("aria-busy");
    if (replaceDraft) {
      text.value = JSON.stringify(fresh, null, 2);
    }
  };

  const load = async (replaceDraft: boolean): Promise<void> => {
    try {
      const got = await getTagged<Policy>("/api/v1/escalation/policy");
      if (!scope.signal.aborted) show(got.data, got.etag, replaceDraft);
    } catch (error) {
      if (!scope.signal.aborted) scope.context.fail(error, "The escalation policy");
    }
  };

  const draft = (): unknown => {
    try {
      return JSON.parse(text.value) as unknown;
    } catch (error) {
      errors.say(`The policy text is not JSON: ${error instanceof Error ? error.message : "it could not be read"}. Nothing was sent.`);
      text.focus();
      return undefined;
    }
  };

  reset.addEventListener("click", () => {
    errors.hide();
    if (policy) text.value = JSON.stringify(policy, null, 2);
    done.textContent = "The editor holds the policy in force again.";
  });

  editor.addEventListener("submit", (e) => {
    e.preventDefault();
    errors.hide();
    done.textContent = "";
    const body = draft();
    if (body === undefined) return;
    save.disabled = true;
    void sendJson<Policy>("PUT", "/api/v1/escalation/policy", body, etag)
      .then((saved) => {
        if (saved.data) show(saved.data, saved.etag, true);
        done.textContent = `Policy saved: version ${String(saved.data?.version ?? "?")} is in force.`;
      })
      .catch(async (error: unknown) => {
        if (error instanceof ApiError && error.status === 412) {
          errors.say("Someone else changed the policy since you read it. The policy in force has been read again above; your draft is kept here: compare the two, then save again.");
          await load(false);
          return;
        }
        errors.show(error, "Saving the policy"); // the text stays as typed
      })
      .finally(() => {
        save.disabled = false;
      });
  });

  void load(true);
  return el("div", { class: "admin-section" },
    section("Escalation policy", "admin-policy", el("div", { class: "policy-layout" }, view, editor)),
    section("Test a route", "admin-route-test", routeTester(scope, draft, errors)));
}

/** A small form of an example incident; the answer is the route, team and level it would get, and why. */
function routeTester(scope: AdminScope, draft: () => unknown, editorErrors: { hide(): void }): HTMLElement {
  const categories = textInput("test-categories", { placeholder: "exfiltration, collection" });
  const tactics = textInput("test-tactics", { placeholder: "TA0010" });
  const severity = el("select", { id: "test-severity", name: "severity" },
    ...Severities.map((s) => {
      const option = el("option", { value: s }, s);
      option.selected = s === "high";
      return option;
    }));
  const criticality = el("select", { id: "test-criticality", name: "criticality" },
    el("option", { value: "" }, "not known"), ...[1, 2, 3, 4, 5].map((n) => el("option", { value: String(n) }, String(n))));
  const zone = textInput("test-zone", { placeholder: "dmz" });
  const tags = textInput("test-tags", { placeholder: "crown-jewels" });
  const intel = el("input", { id: "test-intel", name: "intelHits", type: "number", min: "0", value: "0" });
  const inForce = el("input", { type: "radio", name: "test-against", id: "test-against-policy", value: "policy" });
  inForce.checked = true;
  const againstDraft = el("input", { type: "radio", name: "test-against", id: "test-against-draft", value: "draft" });
  const result = el("div", { id: "route-result", class: "route-result", role: "status", "aria-live": "polite" });
  const errors = errorArea("route-test-error");
  const submit = el("button", { type: "submit", id: "route-test-submit" }, "Test the route");
  const form = el("form", { class: "form", id: "route-test-form", "aria-label": "Test a route with an example incident" },
    el("p", { class: "hint" }, "An example incident: which route it would take, which team hears, and why. Nothing is stored."),
    el("div", { class: "field-grid" },
      field("test-categories", "Categories", categories, "Comma-separated."),
      field("test-tactics", "ATT&CK tactics", tactics, "Comma-separated, such as TA0010."),
      field("test-severity", "Severity", severity),
      field("test-criticality", "Criticality of its hosts", criticality),
      field("test-zone", "Zone", zone),
      field("test-tags", "Tags", tags, "Comma-separated."),
      field("test-intel", "Intelligence hits", intel)),
    el("fieldset", { class: "against" },
      el("legend", {}, "Against"),
      el("label", {}, inForce, " the policy in force"),
      el("label", {}, againstDraft, " the draft in the editor")),
    errors.element,
    el("div", { class: "actions" }, submit),
    result);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    errors.hide();
    editorErrors.hide();
    const incident: Record<string, unknown> = {
      categories: listOf(categories.value), tactics: listOf(tactics.value), tags: listOf(tags.value),
      severity: severity.value, intelHits: Math.max(0, Number(intel.value) || 0),
    };
    if (criticality.value) incident["criticality"] = Number(criticality.value);
    if (zone.value.trim()) incident["zone"] = zone.value.trim();
    const body: Record<string, unknown> = { incident };
    if (againstDraft.checked) {
      const policy = draft();
      if (policy === undefined) return;
      body["policy"] = policy;
    }
    submit.disabled = true;
    result.replaceChildren(el("p", { class: "hint" }, "Trying it…"));
    void sendJson<RouteTrial>("POST", "/api/v1/escalation/policy/test", body)
      .then((answer) => {
        const trial = answer.data;
        if (!trial || !trial.route) {
          result.replaceChildren(el("p", {}, "No route took it."));
          return;
        }
        const first = trial.route.levels?.[0];
        result.replaceChildren(el("dl", { class: "facts" },
          el("dt", {}, "Team"), el("dd", { id: "route-team" }, trial.team ? `${trial.team.name} (${trial.team.id})` : trial.route.team),
          el("dt", {}, "Route"), el("dd", { id: "route-name" }, trial.route.name),
          el("dt", {}, "First level"), el("dd", {}, first ? `${first.name}, ${describeWait(first.after)}` : "—"),
          el("dt", {}, "Then"), el("dd", {}, levelList(trial.route.levels?.slice(1), 2)),
          el("dt", {}, "Because"), el("dd", { id: "route-because" }, trial.because ?? "—"),
          el("dt", {}, "Policy"), el("dd", {}, againstDraft.checked ? "the draft in the editor" : `version ${String(trial.policyVersion)}, in force`)));
      })
      .catch((error: unknown) => {
        result.replaceChildren();
        if (!scope.signal.aborted) errors.show(error, "Testing the route");
      })
      .finally(() => {
        submit.disabled = false;
      });
  });
  return form;
}
