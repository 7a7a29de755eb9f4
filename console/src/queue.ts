// The queue: most urgent first, rows replaced or inserted in place as the feed reports changes.
import { getJson } from "./api";
import { clear, el } from "./dom";
import type { FeedEvent } from "./feed";

export interface IncidentSummary {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly severity: string;
  readonly effectiveSeverity?: string;
  readonly hosts: readonly string[];
  readonly hostCount: number;
  readonly alertCount: number;
  readonly updatedAt: string;
  readonly assignee?: string | null;
  readonly team?: string | null;
  readonly owner?: string | null;
  readonly criticality?: number | null;
  readonly escalationDeadline?: string | null;
}

interface IncidentPage {
  readonly items: IncidentSummary[];
  readonly total: number;
}

const Rank: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
const Closed = new Set(["resolved", "merged"]);
const Columns = ["Severity", "Status", "Title", "Team", "Assignee", "Hosts", "Alerts", "Owner", "Criticality", "Escalates in"];

function severityOf(s: IncidentSummary): string {
  return s.effectiveSeverity ?? s.severity;
}

/** The queue's order: the severity to work by, then most recently updated (the API's sort=severity). */
function urgency(a: IncidentSummary, b: IncidentSummary): number {
  return (Rank[severityOf(b)] ?? 0) - (Rank[severityOf(a)] ?? 0) || Date.parse(b.updatedAt) - Date.parse(a.updatedAt);
}

export function countdown(deadline: string | null | undefined, now: number): string {
  if (!deadline) {
    return "—";
  }
  const left = Math.round((Date.parse(deadline) - now) / 1000);
  if (left <= 0) {
    return "due now";
  }
  const minutes = Math.floor(left / 60);
  const seconds = left % 60;
  return minutes >= 60
    ? `${String(Math.floor(minutes / 60))} h ${String(minutes % 60).padStart(2, "0")} m`
    : `${String(minutes)}:${String(seconds).padStart(2, "0")}`;
}

export class QueueView {
  private readonly rows = new Map<string, IncidentSummary>();
  private readonly body = el("tbody");
  private readonly empty = el("p", { class: "empty", id: "queue-empty" }, "No open incidents. New ones appear here as alerts arrive.");
  private readonly count = el("p", { class: "count", id: "queue-count" });
  private readonly timer: number;

  constructor(host: HTMLElement) {
    const head = el("tr", {}, ...Columns.map((c) => el("th", { scope: "col" }, c)));
    const table = el("table", { class: "queue", id: "queue", "aria-label": "Incident queue, most urgent first" },
      el("thead", {}, head), this.body);
    clear(host);
    host.append(el("h1", {}, "Queue"), this.count, this.empty, el("div", { class: "table-wrap" }, table));
    this.timer = window.setInterval(() => this.tick(), 1000);
  }

  dispose(): void {
    window.clearInterval(this.timer);
  }

  async load(): Promise<void> {
    const page = await getJson<IncidentPage>("/api/v1/incidents?status=new&status=acknowledged&status=investigating&status=contained&sort=severity&limit=200");
    this.rows.clear();
    for (const item of page.items) {
      if (!Closed.has(item.status)) {
        this.rows.set(item.id, item);
      }
    }
    this.render();
  }

  /** A feed event: the incident's summary as it is now. */
  apply(event: FeedEvent): void {
    if (event.type === "reset") {
      void this.load().catch(() => undefined);
      return;
    }
    if (event.type === "ready" || event.type === "heartbeat") {
      return;
    }
    let summary: IncidentSummary;
    try {
      summary = JSON.parse(event.data) as IncidentSummary;
    } catch {
      return;
    }
    if (typeof summary.id !== "string") {
      return;
    }
    if (Closed.has(summary.status)) {
      this.rows.delete(summary.id);
    } else {
      this.rows.set(summary.id, summary);
    }
    this.render();
  }

  private render(): void {
    const ordered = [...this.rows.values()].sort(urgency);
    const now = Date.now();
    // Rows are kept by id and moved, not rebuilt, so that focus and the scroll position survive an update.
    const existing = new Map<string, HTMLTableRowElement>();
    for (const row of Array.from(this.body.rows)) {
      existing.set(row.dataset["id"] ?? "", row);
    }
    ordered.forEach((summary, index) => {
      const fresh = this.row(summary, now);
      const old = existing.get(summary.id);
      if (old) {
        existing.delete(summary.id);
        old.replaceChildren(...Array.from(fresh.childNodes));
        old.className = fresh.className;
      }
      const row = old ?? fresh;
      if (this.body.rows[index] !== row) {
        this.body.insertBefore(row, this.body.rows[index] ?? null);
      }
    });
    for (const gone of existing.values()) {
      gone.remove();
    }
    this.empty.hidden = ordered.length > 0;
    this.count.textContent = ordered.length === 1 ? "1 open incident" : `${String(ordered.length)} open incidents`;
  }

  private row(s: IncidentSummary, now: number): HTMLTableRowElement {
    const severity = severityOf(s);
    const hosts = s.hostCount > s.hosts.length ? `${s.hosts.join(", ")} +${String(s.hostCount - s.hosts.length)}` : s.hosts.join(", ");
    const row = el("tr", { class: `sev-${severity}`, "data-id": s.id, tabindex: "0" },
      el("td", {}, el("span", { class: `badge sev-${severity}` }, severity)),
      el("td", {}, s.status),
      el("td", { class: "title", title: s.title }, s.title),
      el("td", {}, s.team ?? "—"),
      el("td", {}, s.assignee ?? "unassigned"),
      el("td", { class: "hosts", title: hosts }, hosts),
      el("td", { class: "num" }, String(s.alertCount)),
      el("td", {}, s.owner ?? "—"),
      el("td", { class: "num" }, s.criticality == null ? "—" : String(s.criticality)),
      el("td", { class: "deadline num", "data-deadline": s.escalationDeadline ?? "" }, countdown(s.escalationDeadline, now)));
    return row;
  }

  private tick(): void {
    const now = Date.now();
    for (const cell of Array.from(this.body.querySelectorAll<HTMLElement>("td.deadline"))) {
      cell.textContent = countdown(cell.dataset["deadline"], now);
    }
  }
}
