// The lateral-movement graph drawn as SVG from layoutGraph's positions: hosts as nodes linking to their pages, steps
// as arrows labelled with time and technique, the first compromised host marked, hosts at risk dashed and apart.
import { segment } from "../../api";
import { el, svg } from "../../dom";
import { Geometry, type GraphLayout, layoutGraph, type PlacedEdge, type PlacedNode } from "./layout";
import type { AtRiskHost, LateralEdge } from "./types";

const Short = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

function shortTime(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : Short.format(at);
}

/** Host names may be long (FQDNs): cut to fit the box, the whole name kept in its title and accessible name. */
function fit(text: string, max = 21): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const KindText: Record<PlacedNode["kind"], string> = {
  first: "first compromised",
  compromised: "compromised",
  "at-risk": "at risk",
};

function node(n: PlacedNode, risk: AtRiskHost | undefined, navigate: (path: string) => void): SVGElement {
  const g = Geometry;
  const detail = n.kind === "at-risk" && risk
    ? `at risk · via ${risk.how}${risk.criticality == null ? "" : ` · crit ${String(risk.criticality)}`}`
    : KindText[n.kind];
  const name = `Host ${n.host}, ${n.kind === "at-risk" && risk ? `at risk: reachable from ${risk.reachedFrom} over ${risk.how}, no alert yet` : KindText[n.kind]}`;
  const href = `/hosts/${segment(n.host)}`;
  const shape = n.kind === "first"
    ? svg("path", {
      class: "shape",
      // A box with a notched left edge: a shape of its own, not only a colour.
      d: `M ${String(n.x + 12)} ${String(n.y)} H ${String(n.x + g.nodeWidth)} V ${String(n.y + g.nodeHeight)} H ${String(n.x + 12)} L ${String(n.x)} ${String(n.y + g.nodeHeight / 2)} Z`,
    })
    : svg("rect", { class: "shape", x: n.x, y: n.y, width: g.nodeWidth, height: g.nodeHeight, rx: n.kind === "at-risk" ? 14 : 5 });
  const anchor = svg("a", { href, "aria-label": name, "data-host": n.host, class: `node ${n.kind}` },
    svg("title", {}, name),
    shape,
    svg("text", { x: n.x + (n.kind === "first" ? 20 : 10), y: n.y + 18, class: "host" }, fit(n.host)),
    svg("text", { x: n.x + (n.kind === "first" ? 20 : 10), y: n.y + 34, class: "kind" }, fit(detail, 26)));
  anchor.addEventListener("click", (e) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  });
  return anchor;
}

function edge(e: PlacedEdge, from: PlacedNode, to: PlacedNode, index: number): SVGElement {
  const g = Geometry;
  const forward = to.x > from.x;
  let d: string;
  let lx: number;
  let ly: number;
  if (forward) {
    const [x1, y1, x2, y2] = [from.x + g.nodeWidth, from.y + g.nodeHeight / 2, to.x - 2, to.y + g.nodeHeight / 2];
    const bend = Math.min(60, (x2 - x1) / 2);
    d = `M ${String(x1)} ${String(y1)} C ${String(x1 + bend)} ${String(y1)}, ${String(x2 - bend)} ${String(y2)}, ${String(x2)} ${String(y2)}`;
    // Labels sit a little apart along long edges so that edges leaving one host do not print over each other.
    const t = x2 - x1 > g.columnGap * 1.5 ? 0.3 + (index % 3) * 0.2 : 0.5;
    lx = x1 + (x2 - x1) * t;
    ly = y1 + (y2 - y1) * t - 5;
  } else {
    // Back or within a layer: an arc below both boxes.
    const [x1, y1, x2, y2] = [from.x + g.nodeWidth / 2, from.y + g.nodeHeight, to.x + g.nodeWidth / 2 + 10, to.y + g.nodeHeight + 2];
    const low = Math.max(y1, y2) + g.rowGap + 10;
    d = `M ${String(x1)} ${String(y1)} C ${String(x1)} ${String(low)}, ${String(x2)} ${String(low)}, ${String(x2)} ${String(y2)}`;
    lx = (x1 + x2) / 2;
    ly = low - 12;
  }
  // Two short lines over and under the arrow: the technique (or how), and when it was first seen.
  const top = e.atRisk ? `reachable over ${e.via}` : e.technique ?? e.via;
  const name = e.atRisk
    ? `${e.from} can reach ${e.to} over ${e.via} (seen ${shortTime(e.at)}), no alert yet`
    : `${e.from} to ${e.to}, first seen ${shortTime(e.at)}${e.technique ? `, technique ${e.technique}` : ""}${e.via ? `, via ${e.via}` : ""}`;
  return svg("g", { class: e.atRisk ? "edge at-risk" : "edge", "data-from": e.from, "data-to": e.to },
    svg("title", {}, name),
    svg("path", { d, "marker-end": e.atRisk ? "url(#incident-arrow-risk)" : "url(#incident-arrow)" }),
    top ? svg("text", { x: lx, y: ly, "text-anchor": "middle", class: "label technique" }, fit(top, 22)) : null,
    svg("text", { x: lx, y: ly + 17, "text-anchor": "middle", class: "label time" }, shortTime(e.at)));
}

function marker(id: string, cls: string): SVGMarkerElement {
  return svg("marker", { id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 8, markerHeight: 8, orient: "auto-start-reverse", class: cls },
    svg("path", { d: "M 0 0 L 10 5 L 0 10 z" }));
}

export function drawLayout(layout: GraphLayout, atRisk: readonly AtRiskHost[], navigate: (path: string) => void): SVGSVGElement {
  const places = new Map(layout.nodes.map((n) => [n.host, n]));
  const risks = new Map(atRisk.map((r) => [r.host, r]));
  const hosts = layout.nodes.filter((n) => n.kind !== "at-risk").length;
  const picture = svg("svg", {
    class: "graph", id: "incident-graph", role: "group",
    viewBox: `0 0 ${String(layout.width)} ${String(layout.height)}`, width: layout.width, height: layout.height,
    "aria-label": `Lateral movement: ${String(hosts)} hosts, ${String(layout.edges.filter((e) => !e.atRisk).length)} steps`
      + (layout.first ? `, first compromised ${layout.first}` : ""),
  },
  svg("defs", {}, marker("incident-arrow", "arrow"), marker("incident-arrow-risk", "arrow at-risk")));
  if (layout.riskBandX !== null) {
    picture.append(svg("rect", {
      class: "risk-band", x: layout.riskBandX, y: 4, width: layout.width - layout.riskBandX - 4, height: layout.height - 8, rx: 6,
    }));
  }
  for (const c of layout.columns) {
    picture.append(svg("text", { class: "column", x: c.x, y: Geometry.padding + 10 }, c.text));
  }
  layout.edges.forEach((e, i) => {
    const from = places.get(e.from);
    const to = places.get(e.to);
    if (from && to) picture.append(edge(e, from, to, i));
  });
  for (const n of layout.nodes) {
    picture.append(node(n, risks.get(n.host), navigate));
  }
  return picture;
}

function legend(): HTMLElement {
  const item = (cls: string, text: string): HTMLElement => el("li", {}, el("span", { class: `swatch ${cls}`, "aria-hidden": "true" }), text);
  return el("ul", { class: "legend", "aria-label": "Legend" },
    item("first", "first compromised"), item("compromised", "compromised"), item("at-risk", "at risk (reachable, no alert yet)"),
    el("li", {}, "arrows: steps, labelled with when first seen and the technique"));
}

/** The graph's section content: the picture (scrolling sideways when wide) with its legend, or the empty state. */
export function lateralGraph(steps: readonly LateralEdge[], atRisk: readonly AtRiskHost[], hostCount: number,
  navigate: (path: string) => void): HTMLElement[] {
  if (steps.length === 0 && atRisk.length === 0) {
    return [el("p", { class: "empty small", id: "incident-graph-empty" },
      hostCount <= 1 ? "No lateral movement seen: one host." : `No lateral movement seen between its ${String(hostCount)} hosts.`)];
  }
  const parts: HTMLElement[] = [];
  if (steps.length === 0) {
    parts.push(el("p", { class: "hint", id: "incident-graph-empty" }, "No lateral movement seen yet; the hosts it can reach next are shown."));
  }
  const layout = layoutGraph(steps, atRisk);
  parts.push(el("div", { class: "graph-scroll", tabindex: "0", role: "region", "aria-label": "Lateral movement graph, scrolls sideways when wide" },
    drawLayout(layout, atRisk, navigate)), legend());
  return parts;
}
