// Response metrics: time-to-triage … -resolve over time and by team, deadline breaches, alerts per incident and
// enrichment, drawn as SVG by the page itself (metrics/charts.ts) from /api/v1/metrics/*. The period lives in the
// address (?days=7), so a link or a reload keeps it.
import { el } from "../dom";
import type { Context, View } from "../router";
import { loadMetrics, type Measure, Measures, type MetricsData } from "./metrics/data";
import { utcDays } from "./metrics/scale";
import { alertsPerIncident, breaches, byTeam, enrichment, overTime, overview } from "./metrics/sections";

const Periods: readonly { readonly days: number; readonly label: string; readonly phrase: string }[] = [
  { days: 1, label: "Today", phrase: "today (UTC)" },
  { days: 7, label: "7 days", phrase: "the last 7 days" },
  { days: 30, label: "30 days", phrase: "the last 30 days" },
];
const DefaultDays = 7;

function readDays(search: string): number {
  const days = Number(new URLSearchParams(search).get("days"));
  return Periods.some((p) => p.days === days) ? days : DefaultDays;
}

export function openMetrics(context: Context): View {
  return new MetricsView(context);
}

class MetricsView implements View {
  private days = readDays(location.search);
  private measure: Measure = "acknowledge";
  private data: MetricsData | null = null;
  private loading = 0;
  private readonly status = el("p", { class: "hint", id: "metrics-status", "aria-live": "polite" });
  private readonly body = el("div", { id: "metrics-body", class: "metrics" });
  private readonly refresh = el("button", { type: "button", id: "metrics-refresh", class: "secondary" }, "Read again");
  private readonly periodButtons: HTMLButtonElement[] = [];

  constructor(private readonly context: Context) {
    const group = el("div", { class: "period", role: "group", "aria-label": "Period" },
      el("span", { class: "period-label" }, "Period"),
      ...Periods.map((p) => {
        const button = el("button", { type: "button", class: "secondary", "data-days": String(p.days) }, p.label);
        button.addEventListener("click", () => this.choose(p.days));
        this.periodButtons.push(button);
        return button;
      }));
    this.refresh.addEventListener("click", () => void this.load());
    context.main.append(
      el("h1", {}, "Response metrics"),
      el("div", { class: "metrics-controls" }, group, this.refresh, this.status),
      this.body);
    this.mark();
    void this.load();
  }

  dispose(): void {
    this.loading++;
  }

  private phrase(): string {
    return Periods.find((p) => p.days === this.days)?.phrase ?? `the last ${String(this.days)} days`;
  }

  private choose(days: number): void {
    if (days === this.days) {
      return;
    }
    this.days = days;
    history.replaceState(null, "", days === DefaultDays ? "/metrics" : `/metrics?days=${String(days)}`);
    this.mark();
    void this.load();
  }

  private mark(): void {
    for (const button of this.periodButtons) {
      button.setAttribute("aria-pressed", String(button.dataset["days"] === String(this.days)));
    }
  }

  private async load(): Promise<void> {
    const ticket = ++this.loading;
    this.status.textContent = "Reading the figures…";
    this.body.setAttribute("aria-busy", "true");
    this.refresh.disabled = true;
    try {
      const data = await loadMetrics(utcDays(this.days, Date.now()));
      if (ticket !== this.loading) {
        return;
      }
      this.data = data;
      this.render();
      this.status.textContent = `Read at ${new Date().toLocaleTimeString()}, for ${this.phrase()}. Figures are kept by UTC day; drills are not counted.`;
    } catch (error) {
      if (ticket === this.loading) {
        this.status.textContent = "";
        this.context.fail(error, "The response metrics");
      }
    } finally {
      if (ticket === this.loading) {
        this.body.removeAttribute("aria-busy");
        this.refresh.disabled = false;
      }
    }
  }

  private render(): void {
    const data = this.data;
    if (!data) {
      return;
    }
    const period = this.phrase();
    this.body.replaceChildren(
      overview(data, period),
      overTime(data, period),
      this.teamSection(data, period),
      breaches(data, period),
      alertsPerIncident(data, period),
      enrichment(data));
  }

  private teamSection(data: MetricsData, period: string): HTMLElement {
    return byTeam(data, period, this.measure, (m) => {
      if (!Measures.includes(m)) {
        return;
      }
      this.measure = m;
      const old = this.body.querySelector("#metrics-teams");
      const fresh = this.teamSection(data, period);
      old?.replaceWith(fresh);
      fresh.querySelector<HTMLSelectElement>("#team-measure")?.focus();
    });
  }
}
