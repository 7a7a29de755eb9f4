// The metrics page's sections, each drawn from the figures read for a period: plain functions, data in, elements out.
import { el, section, table } from "../../dom";
import { duration } from "../../format";
import { barChart, chartFigure, hbarChart, lineChart, type Series } from "./charts";
import { figuresOf, type Measure, Measures, type MetricsData, perDay, type ResponseReport } from "./data";
import { countTicks, dayLabel, durationTicks } from "./scale";
import { incidentLink } from "../../links";

interface MeasureText {
  readonly title: string;
  /** From what to what it runs. */
  readonly span: string;
  /** What is counted, in the past tense: "acknowledged". */
  readonly done: string;
}

export const MeasureInfo: Record<Measure, MeasureText> = {
  triage: { title: "Time to triage", span: "first alert received to incident opened", done: "opened" },
  enrichment: { title: "Time to enrichment", span: "opened to first complete enrichment", done: "enriched" },
  escalation: { title: "Time to escalation", span: "opened to its team told", done: "escalated to a team" },
  acknowledge: { title: "Time to acknowledge", span: "opened to acknowledged", done: "acknowledged" },
  contain: { title: "Time to contain", span: "opened to contained", done: "contained" },
  resolve: { title: "Time to resolve", span: "opened to resolved", done: "resolved" },
};

const Percentiles: readonly { readonly key: "p50" | "p90" | "p99"; readonly label: string }[] = [
  { key: "p50", label: "p50 (median)" }, { key: "p90", label: "p90" }, { key: "p99", label: "p99" },
];

export const emptyText = (measure: Measure): string => `No incidents ${MeasureInfo[measure].done} yet in this period.`;

const count = (n: number): string => String(Math.round(n));
const plural = (n: number, one: string, many = `${one}s`): string => `${count(n)} ${n === 1 ? one : many}`;
const ms = (v: number | null | undefined): number | null => (v === null || v === undefined ? null : v);

function percentile(report: ResponseReport | undefined, measure: Measure, key: "p50" | "p90" | "p99"): number | null {
  const f = figuresOf(report, measure);
  return ms(key === "p50" ? f.p50Milliseconds : key === "p90" ? f.p90Milliseconds : f.p99Milliseconds);
}

/** Each measure's p50, p90 and p99 over the period, on one logarithmic time axis (triage takes seconds, resolving days). */
export function overview(data: MetricsData, period: string): HTMLElement {
  const whole = data.fromDay[0];
  const measures = Measures.filter((m) => figuresOf(whole, m).count > 0);
  const series: Series[] = Percentiles.map((p) => ({ key: p.key, label: p.label, values: measures.map((m) => percentile(whole, m, p.key)) }));
  const summary = measures.length === 0 ? "" : `Response times, ${period}: ${measures.map((m) =>
    `${MeasureInfo[m].title.toLowerCase()} p50 ${duration(percentile(whole, m, "p50"))}, p90 ${duration(percentile(whole, m, "p90"))}`).join("; ")}.`;
  const chart = measures.length === 0 ? null : hbarChart({
    labels: measures.map((m) => MeasureInfo[m].title), series, format: duration, ticks: durationTicks, log: true,
    categoryTitle: "Measure", valueTitle: "Time (logarithmic scale)", summary, width: 640, categoryWidth: 130,
  });
  const rows = Measures.map((m) => {
    const f = figuresOf(whole, m);
    return [el("span", {}, MeasureInfo[m].title, el("span", { class: "measure-span" }, MeasureInfo[m].span)), count(f.count), duration(ms(f.p50Milliseconds)), duration(ms(f.p90Milliseconds)),
      duration(ms(f.p99Milliseconds)), duration(ms(f.maxMilliseconds))];
  });
  return section("Response times", "metrics-times",
    el("div", { class: "metrics-pair" },
      chartFigure({
        id: "chart-times", caption: `p50, p90 and p99 of each measure, ${period}`, chart, legend: series,
        empty: "No incidents yet in this period: times appear as incidents are opened, acknowledged and resolved.",
      }),
      table(`Response times, ${period}`, ["Measure", "Incidents", "p50", "p90", "p99", "Longest"], rows, "", "metrics-times-table")));
}

/** One small chart per measure: p50 and p90 of the incidents from each day until now; the count each day beside it. */
export function overTime(data: MetricsData, period: string): HTMLElement {
  const labels = data.days.map(dayLabel);
  const figures = Measures.map((measure) => {
    const info = MeasureInfo[measure];
    const total = figuresOf(data.fromDay[0], measure);
    const series: Series[] = [
      { key: "p50", label: "p50", values: data.fromDay.map((r) => figuresOf(r, measure).count > 0 ? ms(figuresOf(r, measure).p50Milliseconds) : null) },
      { key: "p90", label: "p90", values: data.fromDay.map((r) => figuresOf(r, measure).count > 0 ? ms(figuresOf(r, measure).p90Milliseconds) : null) },
    ];
    const chart = total.count === 0 ? null : lineChart({
      labels, series, format: duration, ticks: durationTicks, categoryTitle: "From this UTC day until now", valueTitle: info.title.replace("Time to ", "Time to "),
      summary: `${info.title} (${info.span}), ${period}: ${plural(total.count, "incident")}, p50 ${duration(ms(total.p50Milliseconds))}, p90 ${duration(ms(total.p90Milliseconds))}.`,
    });
    return chartFigure({
      id: `chart-${measure}`, caption: `${info.title}: ${info.span} (${plural(total.count, "incident")})`, chart, legend: series, empty: emptyText(measure),
    });
  });
  const daily: Series[] = [
    { key: "opened", label: "Opened", values: perDay(data, (r) => figuresOf(r, "triage").count) },
    { key: "acknowledged", label: "Acknowledged", values: perDay(data, (r) => figuresOf(r, "acknowledge").count) },
    { key: "resolved", label: "Resolved", values: perDay(data, (r) => figuresOf(r, "resolve").count) },
  ];
  const any = daily.some((s) => s.values.some((v) => (v ?? 0) > 0));
  const volume = chartFigure({
    id: "chart-daily", caption: "Incidents opened, acknowledged and resolved each UTC day", legend: daily,
    empty: "No incidents opened, acknowledged or resolved yet in this period.",
    chart: any ? barChart({
      labels, series: daily, format: count, ticks: countTicks, categoryTitle: "UTC day", valueTitle: "Incidents",
      summary: `Each day, ${period}: ${daily.map((s) => `${s.label.toLowerCase()} ${count(s.values.reduce<number>((a, v) => a + (v ?? 0), 0))}`).join(", ")} in all.`,
      width: 640,
    }) : null,
  });
  return section("Over time", "metrics-over-time",
    el("p", { class: "hint" }, "The API keeps each measure by UTC day and reports from a day on: each point is the p50 or p90 of the incidents from that day until now, so the last point is today's alone. Counts per day are exact."),
    el("div", { class: "chart-grid" }, ...figures),
    volume);
}

/** A measure's p50 and p90 by team (the policy's teams that have figures), with a chooser of the measure. */
export function byTeam(data: MetricsData, period: string, measure: Measure, choose: (m: Measure) => void): HTMLElement {
  const info = MeasureInfo[measure];
  const teams = data.teams.filter((t) => figuresOf(t.report, measure).count > 0);
  const series: Series[] = [
    { key: "p50", label: "p50", values: teams.map((t) => ms(figuresOf(t.report, measure).p50Milliseconds)) },
    { key: "p90", label: "p90", values: teams.map((t) => ms(figuresOf(t.report, measure).p90Milliseconds)) },
  ];
  const picker = el("select", { id: "team-measure", name: "team-measure" },
    ...Measures.map((m) => {
      const option = el("option", { value: m }, MeasureInfo[m].title);
      option.selected = m === measure;
      return option;
    }));
  picker.addEventListener("change", () => choose(picker.value as Measure));
  const chart = teams.length === 0 ? null : hbarChart({
    labels: teams.map((t) => t.team.name), series, format: duration, ticks: (max) => durationTicks(max, 6),
    categoryTitle: "Team", valueTitle: info.title, width: 640, categoryWidth: 150,
    summary: `${info.title} by team, ${period}: ${teams.map((t) => `${t.team.name} p50 ${duration(ms(figuresOf(t.report, measure).p50Milliseconds))}, p90 ${duration(ms(figuresOf(t.report, measure).p90Milliseconds))} over ${plural(figuresOf(t.report, measure).count, "incident")}`).join("; ")}.`,
  });
  return section("By team", "metrics-teams",
    el("label", { class: "filter", for: "team-measure" }, el("span", {}, "Measure"), picker),
    chartFigure({ id: "chart-teams", caption: `${info.title} (${info.span}) by team, ${period}`, chart, legend: series, empty: emptyText(measure) }));
}

/** Incidents not acknowledged by their route's first deadline: each day, by team, and the newest of them. */
export function breaches(data: MetricsData, period: string): HTMLElement {
  const whole = data.fromDay[0];
  const total = whole?.breaches ?? 0;
  const days = perDay(data, (r) => r.breaches);
  const teams = data.teams.filter((t) => t.report.breaches > 0);
  const labels = data.days.map(dayLabel);
  const daily = total === 0 ? null : barChart({
    labels, series: [{ key: "breaches", label: "Breaches", values: days }], format: count, ticks: countTicks,
    categoryTitle: "UTC day", valueTitle: "Incidents", summary: `${plural(total, "incident")} breached the acknowledgement deadline, ${period}.`,
  });
  const team = teams.length === 0 ? null : hbarChart({
    labels: teams.map((t) => t.team.name), series: [{ key: "breaches", label: "Breaches", values: teams.map((t) => t.report.breaches) }],
    format: count, ticks: countTicks, categoryTitle: "Team", valueTitle: "Incidents", categoryWidth: 150, width: 420,
    summary: `Breaches by team, ${period}: ${teams.map((t) => `${t.team.name} ${count(t.report.breaches)}`).join(", ")}.`,
  });
  const listed = (whole?.breachedIncidents ?? []).slice(0, 12);
  const empty = "No incident breached its acknowledgement deadline in this period.";
  return section("Deadline breaches", "metrics-breaches",
    el("p", { class: "metric-total" }, el("strong", { id: "breach-total" }, count(total)), ` ${total === 1 ? "incident was" : "incidents were"} not acknowledged by their route's first deadline, ${period}.`),
    el("div", { class: "chart-grid" },
      chartFigure({ id: "chart-breaches", caption: "Breaches each UTC day", chart: daily, empty }),
      chartFigure({ id: "chart-breaches-team", caption: "Breaches by team", chart: team, empty }),
      el("div", { class: "breach-list" },
        el("h3", {}, "Newest breached incidents"),
        listed.length === 0 ? el("p", { class: "hint" }, "None.")
          : el("ul", { class: "plain" }, ...listed.map((id) => el("li", {}, incidentLink(id, id, { class: "mono" })))))));
}

/** Alerts per incident each day (by event time, from triage's totals), and the alerts by triage's decision. */
export function alertsPerIncident(data: MetricsData, period: string): HTMLElement {
  const byDay = new Map((data.triage?.perDay ?? []).map((d) => [d.day.slice(0, 10), d]));
  const labels = data.days.map(dayLabel);
  const total = (d: { decisions: { suppressed: number; recorded: number; opened: number; joined: number } }): number =>
    d.decisions.suppressed + d.decisions.recorded + d.decisions.opened + d.decisions.joined;
  const ratio = data.days.map((day) => {
    const d = byDay.get(day);
    return d && d.incidentsOpened > 0 ? Math.round((total(d) / d.incidentsOpened) * 10) / 10 : null;
  });
  const alerts = data.days.reduce((sum, day) => sum + (byDay.get(day) ? total(byDay.get(day)!) : 0), 0);
  const opened = data.days.reduce((sum, day) => sum + (byDay.get(day)?.incidentsOpened ?? 0), 0);
  const decisions: Series[] = (["opened", "joined", "recorded", "suppressed"] as const).map((k) => ({
    key: `d-${k}`, label: { opened: "Opened an incident", joined: "Joined an incident", recorded: "Recorded only", suppressed: "Suppressed" }[k],
    values: data.days.map((day) => byDay.get(day)?.decisions[k] ?? null),
  }));
  const decimal = (v: number): string => (Math.round(v * 10) / 10).toString();
  const empty = "No alerts with incidents yet in this period.";
  return section("Alerts per incident", "metrics-alerts",
    el("p", { class: "metric-total" }, el("strong", { id: "alerts-per-incident" }, opened > 0 ? decimal(alerts / opened) : "—"),
      ` alerts per incident, ${period} (${plural(alerts, "alert")}, ${plural(opened, "incident")} opened; by the alerts' own time).`),
    el("div", { class: "chart-grid" },
      chartFigure({
        id: "chart-alerts-per-incident", caption: "Alerts per incident opened, each UTC day", empty,
        chart: opened === 0 ? null : barChart({
          labels, series: [{ key: "alerts", label: "Alerts per incident", values: ratio }], format: decimal, ticks: countTicks,
          categoryTitle: "UTC day (alert time)", valueTitle: "Alerts per incident",
          summary: `Alerts per incident, ${period}: ${decimal(alerts / Math.max(opened, 1))} overall, ${plural(alerts, "alert")} for ${plural(opened, "incident")}.`,
        }),
      }),
      chartFigure({
        id: "chart-decisions", caption: "Alerts by triage's decision, each UTC day", legend: decisions, empty: "No alerts yet in this period.",
        chart: alerts === 0 ? null : barChart({
          labels, series: decisions, format: count, ticks: countTicks, stacked: true, categoryTitle: "UTC day (alert time)", valueTitle: "Alerts",
          summary: `Alerts by decision, ${period}: ${decisions.map((s) => `${s.label.toLowerCase()} ${count(s.values.reduce<number>((a, v) => a + (v ?? 0), 0))}`).join(", ")}.`,
        }),
      })));
}

/** Enrichment's own figures (over its newest incidents, not by period) and its enrichers' runs by outcome. */
export function enrichment(data: MetricsData): HTMLElement {
  const e = data.enrichment;
  const enrichers = Object.keys(e?.runs ?? {}).sort();
  const outcomes: Series[] = (["succeeded", "timedOut", "failed"] as const).map((k) => ({
    key: `r-${k}`, label: { succeeded: "Succeeded", timedOut: "Timed out", failed: "Failed" }[k],
    values: enrichers.map((name) => e?.runs[name]?.[k] ?? 0),
  }));
  return section("Enrichment", "metrics-enrichment",
    el("p", { class: "metric-total" }, e && e.incidents > 0
      ? `${plural(e.incidents, "incident")} enriched; over the newest ${count(e.sampled)}: p50 ${duration(ms(e.p50Milliseconds))}, p90 ${duration(ms(e.p90Milliseconds))}, p99 ${duration(ms(e.p99Milliseconds))}.`
      : "No incidents enriched yet."),
    chartFigure({
      id: "chart-enrichers", caption: "Enricher runs by outcome (since the figures began)", legend: outcomes, empty: "No enricher has run yet.",
      chart: enrichers.length === 0 ? null : hbarChart({
        labels: enrichers, series: outcomes, format: count, ticks: countTicks, categoryTitle: "Enricher", valueTitle: "Runs", width: 640, categoryWidth: 150,
        summary: `Enricher runs: ${enrichers.map((name) => `${name} ${outcomes.map((o) => `${count(o.values[enrichers.indexOf(name)] ?? 0)} ${o.label.toLowerCase()}`).join(", ")}`).join("; ")}.`,
      }),
    }));
}
