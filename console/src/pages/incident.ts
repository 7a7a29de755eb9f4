// The incident page (/incidents/{id}): its summary and escalation clock, the lateral-movement graph, alerts with their
// triage, entities with their enrichment, runbook tasks, the timeline, and the analyst's actions. Live: a feed event
// naming it reads it again (once for a burst), redrawing the sections in place and never the forms being typed in.
import { ApiError, getJson, getTagged, segment, sendJson } from "../api";
import { el, failure, link, section } from "../dom";
import type { FeedEvent } from "../feed";
import type { Context, View } from "../router";
import { Actions } from "./incident/actions";
import { alerts, entities } from "./incident/details";
import { lateralGraph } from "./incident/graph";
import { escalationClock, summaryFacts, tickClock, words } from "./incident/summary";
import { type TaskErrors, tasks } from "./incident/tasks";
import { timeline } from "./incident/timeline";
import { type IncidentView, type Policy, severityOf } from "./incident/types";
import { incidentLink } from "../links";

export function openIncident(context: Context, id: string): View {
  return new IncidentPage(context, id);
}

const ReReadMs = 300;

class IncidentPage implements View {
  private readonly stop = new AbortController();
  private readonly heading = el("h1", { id: "incident-title" }, "Incident");
  private readonly sub = el("p", { class: "incident-sub" });
  private readonly banner = el("div", { id: "incident-banner" });
  private readonly loading = el("p", { class: "hint", id: "incident-loading" }, "Reading the incident…");
  private readonly summary = section("Summary", "incident-summary");
  private readonly graph = section("Lateral movement", "incident-lateral");
  private readonly alertList = section("Alerts and their triage", "incident-alerts-section");
  private readonly entityList = section("Entities and enrichment", "incident-entities");
  private readonly clock = section("Escalation", "incident-escalation");
  private readonly actionPanel = section("Actions", "incident-actions");
  private readonly taskList = section("Runbook tasks", "incident-tasks");
  private readonly history = section("Timeline (newest first)", "incident-timeline-section");
  private readonly actions: Actions;
  private readonly taskErrors: TaskErrors = new Map();
  private readonly timer: number;
  private view: IncidentView | null = null;
  private etag: string | null = null;
  private policy: Policy | null = null;
  private ticket = 0;
  private reread: number | undefined;
  private graphKey = "";

  constructor(private readonly context: Context, private readonly id: string) {
    this.sub.append(el("span", { class: "mono" }, id));
    this.actions = new Actions((path, body) => this.act(path, body), (error) => this.handled(error));
    this.actionPanel.append(this.actions.element);
    const layout = el("div", { class: "incident-layout", id: "incident-page", hidden: "" },
      el("div", { class: "incident-main" }, this.summary, this.graph, this.history, this.alertList, this.entityList),
      el("aside", { class: "incident-side", "aria-label": "Escalation, actions and runbook tasks" },
        this.clock, this.actionPanel, this.taskList));
    context.main.append(el("header", { class: "incident-head" }, this.heading, this.sub), this.banner, this.loading, layout);
    this.timer = window.setInterval(() => tickClock(this.clock, Date.now()), 1000);
    void this.load();
    void getJson<Policy>("/api/v1/escalation/policy").then((policy) => {
      this.policy = policy;
      if (this.view && !this.stop.signal.aborted) this.drawClock(this.view);
    }, () => undefined); // only names the level that hears next
  }

  dispose(): void {
    this.stop.abort();
    window.clearInterval(this.timer);
    window.clearTimeout(this.reread);
    this.ticket++;
  }

  feed(event: FeedEvent): void {
    if (event.type === "ready" || event.type === "reset") {
      this.soon(); // changes between reading it and the feed going live
      return;
    }
    if (event.type === "heartbeat") return;
    try {
      const changed = JSON.parse(event.data) as { id?: unknown; mergedInto?: unknown };
      if (changed.id === this.id) this.soon();
    } catch {
      // not a summary: nothing of this page's
    }
  }

  private soon(): void {
    window.clearTimeout(this.reread);
    this.reread = window.setTimeout(() => void this.load(), ReReadMs);
  }

  /** A 401 signs out (the router's); anything else is the form's to show. */
  private handled(error: unknown): boolean {
    if (error instanceof ApiError && error.status === 401) {
      this.context.fail(error, "This incident");
      return true;
    }
    return false;
  }

  private async act(path: string, body?: unknown): Promise<void> {
    try {
      await sendJson<unknown>("POST", `/api/v1/incidents/${segment(this.id)}/${path}`, body, this.etag);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 412 || error.status === 409)) {
        void this.load(); // what changed is shown; the error's sentence says so
      }
      throw error;
    }
    await this.load();
  }

  async load(): Promise<void> {
    const ticket = ++this.ticket;
    try {
      const { data, etag } = await getTagged<IncidentView>(`/api/v1/incidents/${segment(this.id)}`);
      if (ticket !== this.ticket || this.stop.signal.aborted) return;
      this.view = data;
      this.etag = etag;
      this.render(data);
    } catch (error) {
      if (ticket !== this.ticket || this.stop.signal.aborted) return;
      this.loading.remove();
      if (error instanceof ApiError && error.status === 404 && !this.view) {
        this.heading.textContent = "No such incident";
        this.banner.replaceChildren(el("div", { class: "error", role: "alert", id: "incident-not-found" },
          `${error.message} It may have been merged into another, or the link is wrong. `, link("/", "Back to the queue")));
        return;
      }
      if (!this.view) {
        this.context.fail(error, "This incident");
      } else if (!this.handled(error)) {
        this.banner.replaceChildren(failure(`Reading it again failed: ${error instanceof ApiError ? error.message : "try again in a moment."}`));
      }
    }
  }

  private render(view: IncidentView): void {
    const s = view.summary;
    this.loading.remove();
    document.title = `${s.title} · Incidents`;
    this.heading.textContent = s.title;
    const severity = severityOf(s);
    this.sub.replaceChildren(el("span", { class: `badge sev-${severity}` }, severity), " ",
      el("span", { class: `status status-${s.status}` }, words(s.status)), " ",
      el("span", { class: "mono" }, s.id), ` · version ${String(s.version)}`);
    const merged = s.mergedInto ?? view.mergedInto;
    this.banner.replaceChildren(...(merged
      ? [el("p", { class: "notice", id: "incident-merged", role: "status" }, "This incident was merged into ", incidentLink(merged),
        ": its alerts, hosts and notes are there now.")]
      : []));

    // Focus and the graph's sideways scroll survive a redraw: what had focus is found again by its id or host.
    const focused = document.activeElement;
    const focusKey = focused instanceof Element && this.context.main.contains(focused)
      ? focused.id ? `#${CSS.escape(focused.id)}` : focused.getAttribute("data-host") !== null ? `[data-host="${CSS.escape(focused.getAttribute("data-host") ?? "")}"]` : null
      : null;
    const scrollLeft = this.graph.querySelector(".graph-scroll")?.scrollLeft ?? 0;

    const keep = (panel: HTMLElement, ...content: Node[]): void => {
      const heading = panel.firstElementChild;
      panel.replaceChildren(...(heading ? [heading] : []), ...content);
    };
    keep(this.summary, summaryFacts(view));
    // The graph is redrawn only when what it shows changed: focus, hover and scroll stay put through other updates.
    const graphKey = JSON.stringify([view.lateralMovement, view.blastRadius ?? [], s.hostCount]);
    if (graphKey !== this.graphKey) {
      this.graphKey = graphKey;
      keep(this.graph, ...lateralGraph(view.lateralMovement, view.blastRadius ?? [], s.hostCount, (path) => this.context.navigate(path)));
    }
    keep(this.alertList, ...alerts(view));
    keep(this.entityList, ...entities(view));
    this.drawClock(view);
    keep(this.taskList, tasks(view.tasks ?? [], (path, body) => this.act(path, body), (e) => this.handled(e), s.status === "merged", this.taskErrors));
    keep(this.history, timeline(view));
    this.actions.update(view);

    const scroller = this.graph.querySelector(".graph-scroll");
    if (scroller) scroller.scrollLeft = scrollLeft;
    if (focusKey && document.activeElement !== focused) {
      const again = this.context.main.querySelector<HTMLElement | SVGElement>(focusKey);
      again?.focus();
    }
    document.getElementById("incident-page")?.removeAttribute("hidden");
  }

  private drawClock(view: IncidentView): void {
    const heading = this.clock.firstElementChild;
    this.clock.replaceChildren(...(heading ? [heading] : []), escalationClock(view, this.policy, Date.now()));
  }
}
