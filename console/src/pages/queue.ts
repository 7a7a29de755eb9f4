// The queue: most urgent first, filtered as the analyst asks (the filters live in the address, so a link or a reload
// keeps them), rows replaced or inserted in place as the feed reports changes.
import { getJson } from "../api";
import { type IncidentSummary, severityOf } from "../contracts";
import { el } from "../dom";
import type { FeedEvent } from "../feed";
import { countdown, severityRank } from "../format";
import type { Context, View } from "../router";
import { incidentLink } from "../links";

interface IncidentPage {
  readonly items: IncidentSummary[];
  readonly total: number;
}

const Open = ["new", "acknowledged", "investigating", "contained"];
const Columns = ["Severity", "Status", "Title", "Team", "Assignee", "Hosts", "Alerts", "Owner", "Criticality", "Escalates in"];
const Limit = 200;

/** The queue's order: the severity to work by, then most recently updated (the API's sort=severity). */
function urgency(a: IncidentSummary, b: IncidentSummary): number {
  return severityRank(severityOf(b)) - severityRank(severityOf(a)) || Date.parse(b.updatedAt) - Date.parse(a.updatedAt);
}

export { countdown };

/** The filters, as the address holds them. */
interface Filters {
  status: string; // "open", "all" or one status
  severity: string;
  team: string;
  host: string;
  user: string;
  mine: boolean;
  q: string;
}

function readFilters(search: string): Filters {
  const p = new URLSearchParams(search);
  return {
    status: p.get("status") ?? "open",
    severity: p.get("severity") ?? "",
    team: p.get("team") ?? "",
    host: p.get("host") ?? "",
    user: p.get("user") ?? "",
    mine: p.get("mine") === "1",
    q: p.get("q") ?? "",
  };
}

function addressOf(f: Filters): string {
  const p = new URLSearchParams();
  if (f.status !== "open") p.set("status", f.status);
  for (const name of ["severity", "team", "host", "user", "q"] as const) {
    if (f[name].trim()) p.set(name, f[name].trim());
  }
  if (f.mine) p.set("mine", "1");
  const query = p.toString();
  return query ? `/?${query}` : "/";
}

function apiQuery(f: Filters): string {
  const p = new URLSearchParams({ sort: "severity", limit: String(Limit) });
  const statuses = f.status === "open" ? Open : f.status === "all" ? [] : [f.status];
  for (const s of statuses) p.append("status", s);
  if (f.severity) p.set("severity", f.severity);
  if (f.team.trim()) p.set("team", f.team.trim());
  if (f.host.trim()) p.set("host", f.host.trim());
  if (f.user.trim()) p.set("user", f.user.trim());
  if (f.q.trim()) p.set("q", f.q.trim());
  if (f.mine) p.set("assignee", "me");
  return `/api/v1/incidents?${p.toString()}`;
}

/**
 * Brings a kept row up to date cell by cell, and within a cell keeps its element (the title's link) when only its text
 * or attributes changed: an element replaced under the keyboard's focus would lose it.
 */
function patchRow(old: HTMLTableRowElement, fresh: HTMLTableRowElement): void {
  old.className = fresh.className;
  Array.from(fresh.cells).forEach((cell, i) => {
    const kept = old.cells[i];
    if (!kept) {
      old.append(cell);
      return;
    }
    if (kept.isEqualNode(cell)) {
      return;
    }
    copyAttributes(kept, cell);
    const keptChild = kept.firstElementChild;
    const freshChild = cell.firstElementChild;
    if (keptChild && freshChild && kept.childNodes.length === 1 && cell.childNodes.length === 1 && keptChild.tagName === freshChild.tagName) {
      copyAttributes(keptChild, freshChild);
      keptChild.textContent = freshChild.textContent;
    } else {
      kept.replaceChildren(...Array.from(cell.childNodes));
    }
  });
}

function copyAttributes(target: Element, source: Element): void {
  for (const name of target.getAttributeNames()) {
    if (!source.hasAttribute(name)) target.removeAttribute(name);
  }
  for (const name of source.getAttributeNames()) {
    const value = source.getAttribute(name) ?? "";
    if (target.getAttribute(name) !== value) target.setAttribute(name, value);
  }
}

export function openQueue(context: Context): View {
  return new QueueView(context);
}

export class QueueView implements View {
  private readonly rows = new Map<string, IncidentSummary>();
  private readonly body = el("tbody");
  private readonly empty = el("p", { class: "empty", id: "queue-empty" });
  private readonly count = el("p", { class: "count", id: "queue-count", "aria-live": "polite" });
  private readonly timer: number;
  private filters: Filters;
  private reload: number | undefined;
  private loading = 0;

  constructor(private readonly context: Context) {
    this.filters = readFilters(location.search);
    const head = el("tr", {}, ...Columns.map((c) => el("th", { scope: "col" }, c)));
    const table = el("table", { class: "queue", id: "queue", "aria-label": "Incident queue, most urgent first" },
      el("thead", {}, head), this.body);
    context.main.append(el("h1", {}, "Queue"), this.form(), this.count, this.empty, el("div", { class: "table-wrap" }, table));
    this.timer = window.setInterval(() => this.tick(), 1000);
    void this.load();
  }

  dispose(): void {
    window.clearInterval(this.timer);
    window.clearTimeout(this.reload);
    this.loading++;
  }

  async load(): Promise<void> {
    const ticket = ++this.loading;
    try {
      const page = await getJson<IncidentPage>(apiQuery(this.filters));
      if (ticket !== this.loading) {
        return; // a newer load (the filters changed) answers instead
      }
      this.rows.clear();
      for (const item of page.items) {
        this.rows.set(item.id, item);
      }
      this.render(page.total);
    } catch (error) {
      if (ticket === this.loading) {
        this.context.fail(error, "The queue");
      }
    }
  }

  /** A feed event: the incident's summary as it is now. */
  feed(event: FeedEvent): void {
    if (event.type === "reset" || event.type === "ready") {
      // 'ready': changes made between reading the queue and the feed going live are in the queue read again now.
      this.soon();
      return;
    }
    if (event.type === "heartbeat") {
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
    const verdict = this.matches(summary);
    if (verdict === "unknown") {
      // Host, user, search and "mine" are the server's to decide: ask it again, once for a burst of changes.
      this.soon();
      return;
    }
    if (verdict) {
      this.rows.set(summary.id, summary);
    } else {
      this.rows.delete(summary.id);
    }
    this.render(null);
  }

  /** Whether a changed incident belongs in the queue as filtered, where the page can tell by itself. */
  private matches(s: IncidentSummary): boolean | "unknown" {
    const f = this.filters;
    const statusOk = f.status === "all" ? s.status !== "merged" : f.status === "open" ? Open.includes(s.status) : s.status === f.status;
    if (!statusOk || (f.severity && severityRank(severityOf(s)) < severityRank(f.severity))
      || (f.team.trim() && s.team !== f.team.trim())) {
      return false;
    }
    return f.host.trim() || f.user.trim() || f.q.trim() || f.mine ? "unknown" : true;
  }

  private soon(): void {
    window.clearTimeout(this.reload);
    this.reload = window.setTimeout(() => void this.load(), 400);
  }

  private change(next: Partial<Filters>): void {
    this.filters = { ...this.filters, ...next };
    history.replaceState(null, "", addressOf(this.filters));
    void this.load();
  }

  private form(): HTMLFormElement {
    const f = this.filters;
    const select = (id: string, label: string, value: string, options: [string, string][], on: (v: string) => void): HTMLElement => {
      const input = el("select", { id, name: id },
        ...options.map(([v, text]) => {
          const option = el("option", { value: v }, text);
          option.selected = v === value;
          return option;
        }));
      input.addEventListener("change", () => on(input.value));
      return el("label", { class: "filter" }, el("span", {}, label), input);
    };
    const text = (id: "team" | "host" | "user" | "q", label: string, placeholder: string): HTMLElement => {
      const input = el("input", { id: `filter-${id}`, name: id, type: "search", placeholder, value: f[id], autocomplete: "off", spellcheck: "false" });
      let wait: number | undefined;
      input.addEventListener("input", () => {
        window.clearTimeout(wait);
        wait = window.setTimeout(() => this.change({ [id]: input.value }), 300);
      });
      return el("label", { class: `filter filter-${id}` }, el("span", {}, label), input);
    };
    const mine = el("input", { id: "filter-mine", name: "mine", type: "checkbox" });
    mine.checked = f.mine;
    mine.addEventListener("change", () => this.change({ mine: mine.checked }));
    const form = el("form", { class: "filters", role: "search", "aria-label": "Filter the queue" },
      text("q", "Search", "title, host, user, id…"),
      select("filter-status", "Status", f.status, [["open", "Open"], ["new", "New"], ["acknowledged", "Acknowledged"],
        ["investigating", "Investigating"], ["contained", "Contained"], ["resolved", "Resolved"], ["all", "All"]], (v) => this.change({ status: v })),
      select("filter-severity", "Severity", f.severity, [["", "Any"], ["critical", "Critical"], ["high", "High or more"],
        ["medium", "Medium or more"], ["low", "Low or more"]], (v) => this.change({ severity: v })),
      text("team", "Team", "any"),
      text("host", "Host", "any"),
      text("user", "User", "any"),
      el("label", { class: "filter filter-check" }, mine, el("span", {}, "Assigned to me")));
    form.addEventListener("submit", (e) => e.preventDefault());
    return form;
  }

  private render(total: number | null): void {
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
        patchRow(old, fresh);
      }
      const row = old ?? fresh;
      if (this.body.rows[index] !== row) {
        this.body.insertBefore(row, this.body.rows[index] ?? null);
      }
    });
    for (const gone of existing.values()) {
      gone.remove();
    }
    const filtered = addressOf(this.filters) !== "/";
    this.empty.textContent = filtered
      ? "No incidents match these filters."
      : "No open incidents. New ones appear here as alerts arrive.";
    this.empty.hidden = ordered.length > 0;
    const shown = ordered.length;
    const noun = filtered ? "matching incident" : "open incident";
    this.count.textContent = total !== null && total > shown
      ? `The ${String(shown)} most urgent of ${String(total)} ${noun}s`
      : shown === 1 ? `1 ${noun}` : `${String(shown)} ${noun}s`;
  }

  private row(s: IncidentSummary, now: number): HTMLTableRowElement {
    const severity = severityOf(s);
    const hosts = s.hostCount > s.hosts.length ? `${s.hosts.join(", ")} +${String(s.hostCount - s.hosts.length)}` : s.hosts.join(", ");
    const row = el("tr", { class: `sev-${severity}`, "data-id": s.id },
      el("td", {}, el("span", { class: `badge sev-${severity}` }, severity)),
      el("td", {}, s.status),
      el("td", { class: "title", title: s.title }, incidentLink(s.id, s.title)),
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
