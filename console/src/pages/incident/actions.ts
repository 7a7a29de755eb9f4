// What an analyst does to the incident: each action a small form of real inputs and labels, its error shown beside
// it, the typed text kept on an error and across live updates (the forms are built once and never redrawn).
import { ApiError } from "../../api";
import { el, field, textInput } from "../../dom";
import type { IncidentView } from "./types";

/** Sends one action (the page adds If-Match and reads the incident again); rejects with the API's error. */
export type Act = (path: string, body?: unknown) => Promise<void>;

const Classifications: [string, string][] = [["truePositive", "True positive"], ["falsePositive", "False positive"], ["benign", "Benign"]];
const Statuses: [string, string][] = [["acknowledged", "Acknowledged"], ["investigating", "Investigating"], ["contained", "Contained"]];
const Severities: [string, string][] = [["critical", "Critical"], ["high", "High"], ["medium", "Medium"], ["low", "Low"], ["info", "Info"], ["", "The tools' own (remove the override)"]];

function select(id: string, options: readonly [string, string][]): HTMLSelectElement {
  return el("select", { id, name: id }, ...options.map(([value, text]) => el("option", { value }, text)));
}

function message(error: unknown): string {
  if (error instanceof ApiError) {
    return error.problems.length > 0 ? `${error.message} ${error.problems.join(" ")}` : error.message;
  }
  return "That could not be done just now. Try again in a moment.";
}

export class Actions {
  readonly element: HTMLElement;
  private readonly controls: (HTMLButtonElement | HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement)[] = [];
  private readonly acknowledge = el("button", { type: "button", id: "action-acknowledge" }, "Acknowledge");
  private readonly ackError = el("p", { class: "error", role: "alert", id: "action-acknowledge-error", hidden: "" });
  private readonly blocked = el("p", { class: "hint", id: "actions-blocked", hidden: "" });
  private last: IncidentView | null = null;

  constructor(private readonly act: Act, private readonly fail: (error: unknown) => boolean) {
    this.acknowledge.addEventListener("click", () => void this.run(this.acknowledge, this.ackError, () => this.act("acknowledge"), () => undefined));
    this.controls.push(this.acknowledge);

    const assignee = textInput("action-assignee", { placeholder: "analyst's name" });
    const team = textInput("action-team", { placeholder: "kept when blank" });
    const status = select("action-status", Statuses);
    const statusReason = textInput("action-status-reason", { required: "" });
    const verdict = select("action-classification", Classifications);
    const verdictReason = textInput("action-verdict-reason", { required: "" });
    const note = el("textarea", { id: "action-note", name: "action-note", rows: "3", required: "", maxlength: "8000" });
    const severity = select("action-severity", Severities);
    const severityReason = textInput("action-severity-reason", { required: "" });

    this.element = el("div", { class: "actions" },
      this.blocked,
      el("div", { class: "action" }, this.acknowledge, el("span", { class: "hint" }, " someone owns it: stops the escalation clock"), this.ackError),
      this.form("assign", "Assign", [field("action-assignee", "Assignee", assignee), field("action-team", "Team", team)],
        () => this.act("assign", { assignee: assignee.value.trim() || null, team: team.value.trim() || null }), () => undefined),
      this.form("status", "Change status", [field("action-status", "Status", status), field("action-status-reason", "Reason", statusReason)],
        () => this.act("status", { status: status.value, reason: statusReason.value.trim() }), () => { statusReason.value = ""; }),
      this.form("verdict", "Resolve with this verdict", [field("action-classification", "Verdict", verdict), field("action-verdict-reason", "Reason", verdictReason)],
        () => this.act("status", { status: "resolved", classification: verdict.value, reason: verdictReason.value.trim() }), () => { verdictReason.value = ""; }),
      this.form("note", "Add note", [field("action-note", "Note (shown as text)", note)],
        () => this.act("notes", { text: note.value }), () => { note.value = ""; }),
      this.form("severity", "Set severity", [field("action-severity", "Severity", severity), field("action-severity-reason", "Reason", severityReason)],
        () => this.act("severity", { severity: severity.value || null, reason: severityReason.value.trim() }), () => { severityReason.value = ""; }));
    this.controls.push(assignee, team, status, statusReason, verdict, verdictReason, note, severity, severityReason);
  }

  private form(name: string, button: string, fields: HTMLElement[], send: () => Promise<void>, sent: () => void): HTMLFormElement {
    const submit = el("button", { type: "submit", id: `action-${name}-submit` }, button);
    const error = el("p", { class: "error", role: "alert", id: `action-${name}-error`, hidden: "" });
    const form = el("form", { class: `action form action-${name}`, id: `action-${name}-form`, "aria-label": button }, ...fields, el("div", { class: "submit" }, submit), error);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.run(submit, error, send, sent);
    });
    this.controls.push(submit);
    return form;
  }

  private async run(button: HTMLButtonElement, error: HTMLElement, send: () => Promise<void>, sent: () => void): Promise<void> {
    button.disabled = true;
    error.hidden = true;
    try {
      await send();
      sent();
    } catch (failure) {
      if (!this.fail(failure)) {
        error.textContent = message(failure);
        error.hidden = false;
      }
    } finally {
      button.disabled = false;
      if (this.last) this.update(this.last);
    }
  }

  /** What the incident allows now; the typed text is never touched. */
  update(view: IncidentView): void {
    this.last = view;
    const s = view.summary;
    const merged = s.status === "merged";
    this.blocked.hidden = !merged;
    this.blocked.textContent = merged ? "It was merged: act on the incident it was merged into." : "";
    for (const c of this.controls) {
      c.disabled = merged;
    }
    this.acknowledge.disabled = merged || s.status !== "new";
    this.acknowledge.title = s.status === "new" ? "" : `It is ${s.status} already.`;
  }
}
