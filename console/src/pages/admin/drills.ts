// Drills (POST /api/v1/drills, GET …/{id}, POST …/{id}/end): a labelled synthetic attack through the real pipeline, and
// its report: each stage's time from the start. The ids started here are kept in the page's memory for the session
// (the API lists no drills); any drill's report can be read by its id.
import { ApiError, getJson, segment, sendJson } from "../../api";
import { el, facts, field, section, table, textInput } from "../../dom";
import { duration, spanMs, when } from "../../format";
import { type AdminScope, errorArea, readOnlyNote, statusLine } from "./common";
import { incidentLink } from "../../links";

interface DrillStage {
  readonly stage: string;
  readonly at: string;
  readonly afterStart: string;
  readonly detail?: string | null;
}

interface DrillReport {
  readonly id: string;
  readonly scenario: string;
  readonly startedAt: string;
  readonly endsAt: string;
  readonly endedAt?: string | null;
  readonly hosts: readonly string[];
  readonly incidentId?: string | null;
  readonly team?: string | null;
  readonly acknowledgeBy?: string | null;
  readonly acknowledgedInTime?: boolean | null;
  readonly stages: readonly DrillStage[];
}

const Scenarios: readonly { readonly value: string; readonly label: string; readonly detail: string }[] = [
  { value: "lateralMovement", label: "Lateral movement (endpoint team)", detail: "Lateral movement: credentials dumped, then a remote service on a file server (the endpoint team's)" },
  { value: "exfiltration", label: "Exfiltration (data-security team)", detail: "Exfiltration: a large transfer to an outside host (the data-security team's)" },
];

/** The drills started in this tab, newest first: kept while the page is, since the API has no list of them. */
const started: string[] = [];

const RefreshMs = 5000;

export function openDrills(scope: AdminScope): HTMLElement {
  const reportArea = el("div", { id: "drill-report", "aria-live": "polite" });
  const startedArea = el("div", { id: "drills-started" });
  const done = statusLine("drill-status");
  const startErrors = errorArea("drill-start-error");
  const reportErrors = errorArea("drill-report-error");
  let shown: string | null = null;
  let timer: number | undefined;
  scope.signal.addEventListener("abort", () => window.clearTimeout(timer));

  const scenario = el("select", { id: "drill-scenario", name: "scenario" }, ...Scenarios.map((s) => el("option", { value: s.value }, s.label)));
  const minutes = el("input", { id: "drill-minutes", name: "minutes", type: "number", min: "1", max: "1440", value: "60" });
  const start = el("button", { type: "submit", id: "drill-start" }, "Start the drill");
  const startForm = el("form", { class: "form", id: "drill-form", "aria-labelledby": "drill-form-heading" },
    el("h3", { id: "drill-form-heading" }, "Start a drill"),
    el("p", { class: "hint" }, "Its alerts go through the real pipeline to the real teams, every notice marked as a drill; its incident is resolved when it ends. Drills are kept out of the response figures."),
    el("div", { class: "field-grid" },
      field("drill-scenario", "Scenario", scenario),
      field("drill-minutes", "Ends after (minutes)", minutes, "1 to 1440.")),
    startErrors.element,
    el("div", { class: "actions" }, start));
  startForm.hidden = !scope.admin;

  const idInput = textInput("drill-id", { placeholder: "12 hex digits", pattern: "[0-9a-f]{12}" });
  const findForm = el("form", { class: "form inline-form", id: "drill-find", "aria-label": "Show a drill's report" },
    field("drill-id", "Drill id", idInput),
    el("button", { type: "submit", class: "secondary" }, "Show its report"));
  findForm.addEventListener("submit", (e) => {
    e.preventDefault();
    const id = idInput.value.trim().toLowerCase();
    if (id) void show(id);
  });

  const renderStarted = (): void => {
    startedArea.replaceChildren(started.length === 0
      ? el("p", { class: "hint" }, "No drill started in this tab yet.")
      : el("ul", { class: "plain started" }, ...started.map((id) => {
        const open = el("button", { type: "button", class: "link-button", "aria-label": `Show the report of drill ${id}` }, id);
        open.addEventListener("click", () => void show(id));
        return el("li", {}, open);
      })));
  };

  const show = async (id: string): Promise<void> => {
    window.clearTimeout(timer);
    shown = id;
    reportErrors.hide();
    try {
      const report = await getJson<DrillReport>(`/api/v1/drills/${segment(id)}`);
      if (scope.signal.aborted || shown !== id) return;
      renderReport(report);
      if (!report.endedAt && Date.parse(report.endsAt) > Date.now()) {
        timer = window.setTimeout(() => void show(id), RefreshMs); // its stages arrive as the pipeline reaches them
      }
    } catch (error) {
      if (scope.signal.aborted || shown !== id) return;
      reportArea.replaceChildren();
      if (error instanceof ApiError && error.status === 404) {
        reportErrors.say(`No drill of this tenant has the id ${id}.`);
      } else if (error instanceof ApiError && error.status === 401) {
        scope.context.fail(error, "The drill");
      } else {
        reportErrors.show(error, "Reading the drill");
      }
    }
  };

  const renderReport = (r: DrillReport): void => {
    const end = el("button", { type: "button", class: "danger", id: "drill-end" }, "End the drill now");
    end.hidden = !scope.admin || !!r.endedAt;
    end.addEventListener("click", () => {
      end.disabled = true;
      void sendJson<DrillReport>("POST", `/api/v1/drills/${segment(r.id)}/end`)
        .then((answer) => {
          done.textContent = `Drill ${r.id} ended: its incident is resolved.`;
          if (answer.data) renderReport(answer.data);
          window.clearTimeout(timer);
        })
        .catch((error: unknown) => {
          reportErrors.show(error, "Ending the drill");
          end.disabled = false;
        });
    });
    const inTime = r.acknowledgedInTime == null ? "not yet known" : r.acknowledgedInTime ? "yes" : "no: the deadline passed";
    reportArea.replaceChildren(
      el("h3", { id: "drill-report-heading" }, `Drill ${r.id}`),
      facts([
        ["Scenario", Scenarios.find((s) => s.value === r.scenario)?.detail ?? r.scenario],
        ["State", r.endedAt ? `ended ${when(r.endedAt)}` : `running, ends ${when(r.endsAt)}`],
        ["Started", when(r.startedAt)],
        ["Hosts", r.hosts.join(", ")],
        ["Incident", r.incidentId ? incidentLink(r.incidentId, r.incidentId, { class: "mono" }) : "not opened yet"],
        ["Team", r.team ?? "not routed yet"],
        ["Acknowledge by", r.acknowledgeBy ? when(r.acknowledgeBy) : null],
        ["Acknowledged in time", inTime],
      ]),
      table(`Stages of drill ${r.id}`, ["Stage", "At", "After the start", "Detail"],
        r.stages.map((s) => [s.stage, when(s.at), duration(spanMs(s.afterStart)), s.detail ?? "—"]), "No stage reached yet.", "drill-stages"),
      el("div", { class: "actions" }, end));
  };

  startForm.addEventListener("submit", (e) => {
    e.preventDefault();
    startErrors.hide();
    start.disabled = true;
    const body: Record<string, unknown> = { scenario: scenario.value };
    if (minutes.value) body["minutes"] = Number(minutes.value);
    void sendJson<DrillReport>("POST", "/api/v1/drills", body)
      .then((answer) => {
        const report = answer.data;
        if (!report) return;
        started.unshift(report.id);
        renderStarted();
        done.textContent = `Drill ${report.id} started.`;
        renderReport(report);
        void show(report.id);
      })
      .catch((error: unknown) => startErrors.show(error, "Starting the drill"))
      .finally(() => {
        start.disabled = false;
      });
  });

  renderStarted();
  return el("div", { class: "admin-section" },
    section("Drills", "admin-drills",
      scope.admin ? null : readOnlyNote("Only a tenant admin can start or end a drill.", "You can read a drill's report by its id."),
      done,
      startForm,
      el("div", { class: "drill-columns" },
        el("div", {}, el("h3", {}, "Started in this tab"), startedArea, findForm, reportErrors.element),
        reportArea)));
}
