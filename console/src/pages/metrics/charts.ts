// Charts drawn by the page itself, as plain functions: data in, an SVG element out. Every label is a text node (svg()),
// every mark carries its series' key (data-series) and a <title> with its value for a pointer or a screen reader.
import { el, svg } from "../../dom";
import { bandScale, labelEvery, linearScale, logDurationTicks, logScale, type Scale } from "./scale";

export interface Series {
  /** A CSS-safe key: the class s-{key} colours it, data-series names it. */
  readonly key: string;
  readonly label: string;
  readonly values: readonly (number | null)[];
}

/** A chart of values by category (days, teams, measures). */
export interface CategoryChart {
  readonly labels: readonly string[];
  readonly series: readonly Series[];
  /** How a value reads on the axis and in its title: duration() or a count. */
  readonly format: (value: number) => string;
  /** The value axis' ticks for the largest value. */
  readonly ticks: (max: number) => number[];
  readonly categoryTitle: string;
  readonly valueTitle: string;
  /** Its accessible name: what it shows, in a sentence. */
  readonly summary: string;
  readonly width?: number;
  readonly height?: number;
}

interface Frame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

function frame(width: number, height: number, left: number, bottom: number): Frame {
  return { width, height, left, right: width - 14, top: 12, bottom: height - bottom };
}

function canvas(f: Frame, summary: string): SVGSVGElement {
  return svg("svg", {
    class: "chart", viewBox: `0 0 ${String(f.width)} ${String(f.height)}`, role: "img", "aria-label": summary,
    preserveAspectRatio: "xMinYMin meet", style: `max-width:${String(Math.round(f.width * 1.35))}px`,
  });
}

const round = (n: number): string => String(Math.round(n * 10) / 10);

function maxOf(series: readonly Series[], stacked = false): number {
  if (stacked) {
    const length = Math.max(0, ...series.map((s) => s.values.length));
    let most = 0;
    for (let i = 0; i < length; i++) {
      most = Math.max(most, series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
    }
    return most;
  }
  return Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
}

/** The value axis on the left (ticks, grid lines, title) of a vertical chart. */
function valueAxisY(f: Frame, y: Scale, ticks: readonly number[], format: (v: number) => string, title: string): SVGGElement {
  return svg("g", { class: "axis axis-y" },
    ...ticks.map((t) => svg("g", { class: "tick" },
      svg("line", { x1: f.left, x2: f.right, y1: round(y(t)), y2: round(y(t)), class: t === 0 ? "baseline" : "grid" }),
      svg("text", { x: f.left - 6, y: round(y(t) + 4), "text-anchor": "end" }, format(t)))),
    svg("text", { class: "axis-title", transform: `translate(12 ${round((f.top + f.bottom) / 2)}) rotate(-90)`, "text-anchor": "middle" }, title));
}

/** Category labels under a vertical chart, thinned to fit. */
function categoryAxisX(f: Frame, middle: (i: number) => number, labels: readonly string[], title: string): SVGGElement {
  const shown = labelEvery(labels.length, Math.max(2, Math.floor((f.right - f.left) / 56)));
  return svg("g", { class: "axis axis-x" },
    ...labels.map((label, i) => shown(i)
      ? svg("text", { x: round(middle(i)), y: f.bottom + 16, "text-anchor": "middle" }, label)
      : null),
    svg("text", { class: "axis-title", x: round((f.left + f.right) / 2), y: f.height - 6, "text-anchor": "middle" }, title));
}

/** Lines (p50, p90…) across categories, a dot at each value; a gap where a value is missing. */
export function lineChart(spec: CategoryChart): SVGSVGElement {
  const f = frame(spec.width ?? 420, spec.height ?? 210, 66, 40);
  const ticks = spec.ticks(maxOf(spec.series));
  const y = linearScale([0, ticks[ticks.length - 1] ?? 1], [f.bottom, f.top]);
  const n = spec.labels.length;
  const x = n <= 1 ? (): number => (f.left + f.right) / 2 : linearScale([0, n - 1], [f.left + 10, f.right - 10]);
  const chart = canvas(f, spec.summary);
  chart.append(valueAxisY(f, y, ticks, spec.format, spec.valueTitle), categoryAxisX(f, x, spec.labels, spec.categoryTitle));
  for (const series of spec.series) {
    let d = "";
    let pen = false;
    series.values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? "L" : "M"}${round(x(i))} ${round(y(v))}`;
      pen = true;
    });
    chart.append(svg("g", { class: `series s-${series.key}`, "data-series": series.key },
      d ? svg("path", { d, class: "line" }) : null,
      ...series.values.map((v, i) => v === null ? null
        : svg("circle", { cx: round(x(i)), cy: round(y(v)), r: 3, class: "dot" },
          svg("title", {}, `${series.label}, ${spec.labels[i] ?? ""}: ${spec.format(v)}`)))));
  }
  return chart;
}

/** Vertical bars by category: side by side for each series, or stacked. */
export function barChart(spec: CategoryChart & { readonly stacked?: boolean }): SVGSVGElement {
  const f = frame(spec.width ?? 420, spec.height ?? 210, 56, 40);
  const ticks = spec.ticks(maxOf(spec.series, spec.stacked));
  const y = linearScale([0, ticks[ticks.length - 1] ?? 1], [f.bottom, f.top]);
  const bands = bandScale(spec.labels.length, [f.left, f.right], spec.labels.length > 14 ? 0.15 : 0.3);
  const chart = canvas(f, spec.summary);
  chart.append(valueAxisY(f, y, ticks, spec.format, spec.valueTitle), categoryAxisX(f, (i) => bands.middle(i), spec.labels, spec.categoryTitle));
  const stackTops = spec.labels.map(() => 0);
  const width = spec.stacked ? bands.width : bands.width / Math.max(spec.series.length, 1);
  spec.series.forEach((series, s) => {
    chart.append(svg("g", { class: `series s-${series.key}`, "data-series": series.key },
      ...series.values.map((v, i) => {
        if (v === null || v <= 0) {
          return null;
        }
        const base = spec.stacked ? stackTops[i] ?? 0 : 0;
        if (spec.stacked) {
          stackTops[i] = base + v;
        }
        const top = y(base + v);
        const left = bands.start(i) + (spec.stacked ? 0 : s * width);
        return svg("rect", { x: round(left), y: round(top), width: round(Math.max(width - 1, 1)), height: round(Math.max(y(base) - top, 1)), class: "mark-bar" },
          svg("title", {}, `${series.label}, ${spec.labels[i] ?? ""}: ${spec.format(v)}`));
      })));
  });
  return chart;
}

/** Horizontal bars by category (measures, teams), on a linear or logarithmic value axis; each series a bar of its own in the row. */
export function hbarChart(spec: CategoryChart & { readonly log?: boolean; readonly categoryWidth?: number }): SVGSVGElement {
  const rows = spec.labels.length;
  const rowHeight = Math.max(14, spec.series.length * 10 + 8);
  const width = spec.width ?? 560;
  const height = spec.height ?? 12 + rows * rowHeight + 44;
  const f = frame(width, height, spec.categoryWidth ?? 118, 44);
  const values = spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null && v > 0));
  const most = Math.max(0, ...values);
  const ticks = spec.log ? logDurationTicks(Math.min(...values, most), most) : spec.ticks(most);
  const x = spec.log
    ? logScale([ticks[0] ?? 1, Math.max(ticks[ticks.length - 1] ?? 10, most)], [f.left, f.right])
    : linearScale([0, ticks[ticks.length - 1] ?? 1], [f.left, f.right]);
  const bands = bandScale(rows, [f.top, f.bottom], 0.2);
  const bar = bands.width / Math.max(spec.series.length, 1);
  const chart = canvas(f, spec.summary);
  chart.append(svg("g", { class: "axis axis-x" },
    ...ticks.map((t) => svg("g", { class: "tick" },
      svg("line", { x1: round(x(t)), x2: round(x(t)), y1: f.top, y2: f.bottom, class: "grid" }),
      svg("text", { x: round(x(t)), y: f.bottom + 16, "text-anchor": "middle" }, spec.format(t)))),
    svg("text", { class: "axis-title", x: round((f.left + f.right) / 2), y: f.height - 8, "text-anchor": "middle" }, spec.valueTitle)));
  chart.append(svg("g", { class: "axis axis-y" },
    svg("line", { x1: f.left, x2: f.left, y1: f.top, y2: f.bottom, class: "baseline" }),
    ...spec.labels.map((label, i) => svg("text", { x: f.left - 8, y: round(bands.middle(i) + 4), "text-anchor": "end" }, label))));
  const start = spec.log ? f.left : x(0);
  spec.series.forEach((series, s) => {
    chart.append(svg("g", { class: `series s-${series.key}`, "data-series": series.key },
      ...series.values.map((v, i) => v === null || v <= 0 ? null
        : svg("rect", {
          x: round(start), y: round(bands.start(i) + s * bar), width: round(Math.max(x(v) - start, 2)), height: round(Math.max(bar - 1, 1)), class: "mark-bar",
        }, svg("title", {}, `${series.label}, ${spec.labels[i] ?? ""}: ${spec.format(v)}`)))));
  });
  return chart;
}

/** The key to a chart's colours, as a list beside it. */
export function legend(series: readonly Pick<Series, "key" | "label">[]): HTMLUListElement {
  return el("ul", { class: "legend" }, ...series.map((s) =>
    el("li", {}, el("span", { class: `swatch s-${s.key}`, "aria-hidden": "true" }), s.label)));
}

/** A chart in a figure with its caption; with no chart, the caption and a line saying there is nothing yet. */
export function chartFigure(options: {
  readonly id: string;
  readonly caption: string;
  readonly chart: Element | null;
  readonly empty: string;
  readonly legend?: readonly Pick<Series, "key" | "label">[];
  readonly note?: string;
}): HTMLElement {
  const body: (Node | null)[] = options.chart
    ? [options.chart, options.legend && options.legend.length > 1 ? legend(options.legend) : null]
    : [el("p", { class: "chart-empty" }, options.empty)];
  return el("figure", { class: `chart-figure${options.chart ? "" : " is-empty"}`, id: options.id },
    el("figcaption", {}, options.caption),
    ...body,
    options.note ? el("p", { class: "chart-note" }, options.note) : null);
}
