// Suppressions (GET/POST /api/v1/triage/suppressions, DELETE …/{id}) and the proposals triage makes after repeated
// false positives (GET /api/v1/triage/proposals, POST …/{id}/accept, …/{id}/reject). Analysts read; tenant admins change.
import { getJson, segment, sendJson } from "../../api";
import { el, field, section, table, textInput } from "../../dom";
import { when } from "../../format";
import { type AdminScope, errorArea, readOnlyNote, statusLine } from "./common";
import { hostLink, incidentLink } from "../../links";

interface Suppression {
  readonly id: string;
  readonly ruleId?: string | null;
  readonly title?: string | null;
  readonly source?: string | null;
  readonly destination?: string | null;
  readonly host?: string | null;
  readonly user?: string | null;
  readonly observable?: string | null;
  readonly reason: string;
  readonly author: string;
  readonly createdAt: string;
  readonly expiresAt?: string | null;
}

interface SuppressionSet {
  readonly version: number;
  readonly suppressions: readonly Suppression[];
  readonly suppressed?: Readonly<Record<string, number>>;
}

interface Proposal {
  readonly id: string;
  readonly rule: string;
  readonly title: string;
  readonly host: string;
  readonly verdicts: { readonly truePositive: number; readonly falsePositive: number; readonly benign: number };
  readonly incidents: readonly string[];
  readonly proposedAt: string;
  readonly status: string;
}

/** The fields a suppression matches on, as the request names them, with their labels and hints. */
const Matchers = [
  ["ruleId", "Rule id", "The tool's rule id, exactly: a Suricata signature id, an EDR rule."],
  ["title", "Title", "In any case; * stands for any text."],
  ["source", "Source address", "An address or a network in CIDR form: 10.1.0.0/16."],
  ["destination", "Destination address", "An address or a network in CIDR form."],
  ["host", "Host", "A host name among the alert's hosts."],
  ["user", "User", "The account, exactly."],
  ["observable", "Observable", "kind:value, such as domain:cdn.example.net."],
] as const;

type MatcherName = (typeof Matchers)[number][0];

/** "rule R-1 · host web-01": what a suppression matches, every field given. */
function matches(s: Suppression): string {
  return Matchers.filter(([name]) => s[name]).map(([name, label]) => `${label.toLowerCase()} ${s[name] ?? ""}`).join(" · ");
}

export function openSuppressions(scope: AdminScope): HTMLElement {
  const listArea = el("div", { id: "suppressions-list", "aria-busy": "true" }, el("p", { class: "hint" }, "Reading the suppressions…"));
  const proposalArea = el("div", { id: "proposals-list" }, el("p", { class: "hint" }, "Reading the proposals…"));
  const done = statusLine("suppression-status");
  const errors = errorArea("suppression-error");
  const inputs = new Map<MatcherName, HTMLInputElement>(Matchers.map(([name]) => [name, textInput(`suppression-${name}`)]));
  const reason = el("textarea", { id: "suppression-reason", name: "reason", rows: "2", required: "" });
  const expires = el("input", { id: "suppression-expires", name: "expiresAt", type: "datetime-local" });
  const submit = el("button", { type: "submit", id: "suppression-submit" }, "Add suppression");
  const cancel = el("button", { type: "button", class: "secondary", id: "suppression-cancel" }, "Cancel editing");
  cancel.hidden = true;
  const heading = el("h3", { id: "suppression-form-heading" }, "Add a suppression");
  const editNote = el("p", { class: "hint", id: "suppression-edit-note" },
    "Saving adds the changed suppression, then removes the old one: the API has no update, and this order never leaves the alerts unsuppressed between the two.");
  editNote.hidden = true;
  const form = el("form", { class: "form admin-form", id: "suppression-form", "aria-labelledby": "suppression-form-heading", novalidate: "" },
    heading,
    el("p", { class: "hint" }, "Every field given must match (give at least one). Matching alerts open nothing, unless they are a lateral-movement step."),
    el("div", { class: "field-grid" }, ...Matchers.map(([name, label, hint]) => field(`suppression-${name}`, label, inputs.get(name) ?? textInput(name), hint))),
    field("suppression-reason", "Reason (required)", reason, "Why these alerts are noise, for whoever reads it next."),
    field("suppression-expires", "Expires (optional, your local time)", expires),
    editNote,
    errors.element,
    el("div", { class: "actions" }, submit, cancel));
  let editing: Suppression | null = null;

  const setEditing = (s: Suppression | null): void => {
    editing = s;
    heading.textContent = s ? "Edit the suppression" : "Add a suppression";
    submit.textContent = s ? "Save changes" : "Add suppression";
    cancel.hidden = !s;
    editNote.hidden = !s;
    errors.hide();
    for (const [name, input] of inputs) {
      input.value = s?.[name] ?? "";
    }
    reason.value = s?.reason ?? "";
    expires.value = s?.expiresAt ? localInput(s.expiresAt) : "";
    if (s) {
      form.scrollIntoView({ block: "nearest" });
      (inputs.get("ruleId") ?? reason).focus();
    }
  };
  cancel.addEventListener("click", () => setEditing(null));

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const body: Record<string, string> = {};
    for (const [name, input] of inputs) {
      if (input.value.trim()) {
        body[name] = input.value.trim();
      }
    }
    if (reason.value.trim()) {
      body["reason"] = reason.value.trim();
    }
    if (expires.value) {
      const at = new Date(expires.value);
      if (!Number.isNaN(at.getTime())) {
        body["expiresAt"] = at.toISOString();
      }
    }
    const replacing = editing;
    errors.hide();
    submit.disabled = true;
    void (async () => {
      try {
        const added = await sendJson<Suppression>("POST", "/api/v1/triage/suppressions", body);
        if (replacing) {
          // No update in the API: the new one is in force first, then the old one goes.
          await sendJson("DELETE", `/api/v1/triage/suppressions/${segment(replacing.id)}`);
        }
        setEditing(null);
        done.textContent = replacing
          ? `Suppression changed: ${added.data ? matches(added.data) : "saved"}.`
          : `Suppression added: ${added.data ? matches(added.data) : "saved"}.`;
        await load();
      } catch (error) {
        errors.show(error, replacing ? "Saving the suppression" : "Adding the suppression"); // the typed text stays as it is
      } finally {
        submit.disabled = !scope.admin;
      }
    })();
  });

  const load = async (): Promise<void> => {
    try {
      const set = await getJson<SuppressionSet>("/api/v1/triage/suppressions");
      if (scope.signal.aborted) return;
      listArea.replaceChildren(suppressionTable(set));
      listArea.removeAttribute("aria-busy");
    } catch (error) {
      if (!scope.signal.aborted) {
        listArea.replaceChildren();
        scope.context.fail(error, "The suppressions");
      }
    }
  };

  const suppressionTable = (set: SuppressionSet): HTMLElement => {
    const rows = [...set.suppressions].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)).map((s) => {
      const actions = el("div", { class: "row-actions" });
      const showButtons = (): void => {
        if (!scope.admin) {
          actions.replaceChildren(el("span", { class: "hint" }, "admin only"));
          return;
        }
        const edit = el("button", { type: "button", class: "secondary", "aria-label": `Edit the suppression ${matches(s)}` }, "Edit");
        const remove = el("button", { type: "button", class: "danger", "aria-label": `Remove the suppression ${matches(s)}` }, "Remove");
        edit.addEventListener("click", () => setEditing(s));
        remove.addEventListener("click", () => confirmRemoval());
        actions.replaceChildren(edit, remove);
      };
      const confirmRemoval = (): void => {
        const yes = el("button", { type: "button", class: "danger" }, "Yes, remove it");
        const no = el("button", { type: "button", class: "secondary" }, "Keep it");
        no.addEventListener("click", () => showButtons());
        yes.addEventListener("click", () => {
          yes.disabled = true;
          void sendJson("DELETE", `/api/v1/triage/suppressions/${segment(s.id)}`)
            .then(async () => {
              done.textContent = `Suppression removed: ${matches(s)}.`;
              if (editing?.id === s.id) setEditing(null);
              await load();
            })
            .catch((error: unknown) => {
              errors.show(error, "Removing the suppression");
              showButtons();
            });
        });
        actions.replaceChildren(el("span", { class: "confirm" }, "Remove this suppression? Matching alerts will open incidents again."), yes, no);
        yes.focus();
      };
      showButtons();
      const expired = s.expiresAt ? Date.parse(s.expiresAt) <= Date.now() : false;
      return [
        el("span", { class: "mono" }, matches(s)),
        s.reason,
        s.author,
        when(s.createdAt),
        s.expiresAt ? `${when(s.expiresAt)}${expired ? " (expired)" : ""}` : "never",
        String(set.suppressed?.[s.id] ?? 0),
        actions,
      ];
    });
    return table(`Suppressions (version ${String(set.version)})`, ["Matches", "Why", "Who", "When", "Expires", "Alerts kept out", ""], rows,
      "No suppressions: every alert is triaged on its own merits.", "suppressions");
  };

  const loadProposals = async (): Promise<void> => {
    try {
      const proposals = await getJson<Proposal[]>("/api/v1/triage/proposals");
      if (scope.signal.aborted) return;
      proposalArea.replaceChildren(proposalTable(proposals));
    } catch (error) {
      if (!scope.signal.aborted) {
        proposalArea.replaceChildren();
        scope.context.fail(error, "The proposals");
      }
    }
  };

  const proposalTable = (proposals: readonly Proposal[]): HTMLElement => table("Open proposals", ["Rule", "Title", "Host", "Verdicts", "Incidents", "Proposed", ""],
    proposals.map((p) => {
      const cell = el("div", { class: "row-actions" });
      if (scope.admin) {
        const accept = el("button", { type: "button", "aria-label": `Accept the proposal for ${p.rule} on ${p.host}` }, "Accept");
        const why = textInput(`reject-${p.id}`, { placeholder: "reason to keep seeing them", "aria-label": `Why reject the proposal for ${p.rule} on ${p.host}` });
        const reject = el("button", { type: "button", class: "secondary" }, "Reject");
        const answer = (path: string, body: unknown, said: string): void => {
          accept.disabled = reject.disabled = true;
          void sendJson("POST", path, body)
            .then(async () => {
              done.textContent = said;
              await Promise.all([load(), loadProposals()]);
            })
            .catch((error: unknown) => {
              errors.show(error, "Answering the proposal");
              accept.disabled = reject.disabled = false;
            });
        };
        accept.addEventListener("click", () => answer(`/api/v1/triage/proposals/${segment(p.id)}/accept`, undefined, `Proposal accepted: ${p.rule} on ${p.host} is suppressed.`));
        reject.addEventListener("click", () => {
          if (!why.value.trim()) {
            errors.say("Give a reason to reject a proposal: why this rule on this host is worth seeing.");
            why.focus();
            return;
          }
          answer(`/api/v1/triage/proposals/${segment(p.id)}/reject`, { reason: why.value.trim() }, `Proposal rejected: ${p.rule} on ${p.host} stays in view.`);
        });
        cell.append(accept, why, reject);
      } else {
        cell.append(el("span", { class: "hint" }, "admin only"));
      }
      return [
        el("span", { class: "mono" }, p.rule), p.title, hostLink(p.host),
        `${String(p.verdicts.falsePositive)} false positive, ${String(p.verdicts.benign)} benign, ${String(p.verdicts.truePositive)} true`,
        el("span", {}, ...p.incidents.slice(-3).flatMap((id, i) => [i ? ", " : "", incidentLink(id, id, { class: "mono" })])),
        when(p.proposedAt),
        cell,
      ];
    }), "No open proposals: triage proposes one after repeated false positives of a rule on a host.", "proposals");

  form.hidden = !scope.admin;
  void load();
  void loadProposals();
  return el("div", { class: "admin-section" },
    section("Suppressions", "admin-suppressions",
      scope.admin ? null : readOnlyNote(),
      done,
      listArea,
      form),
    section("Proposed suppressions", "admin-proposals", proposalArea));
}

/** An ISO time as a datetime-local input takes it (the analyst's own clock). */
function localInput(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "";
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${String(at.getFullYear())}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}
