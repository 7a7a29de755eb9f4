// Where the lateral-movement graph puts its hosts: a pure function of the steps and the hosts at risk, no DOM. Hosts are
// laid out in layers by step order from the first compromised host (breadth-first depth = column, rows in the order
// they were reached); a layer taller than MaxRows wraps into sub-columns so that 50 hosts stay readable; hosts at
// risk (reached by nothing yet, no alert) stand apart in a band of their own at the right.

export interface Step {
  readonly from: string;
  readonly to: string;
  readonly firstSeen: string;
  readonly technique?: string | null;
  readonly via?: string;
}

export interface AtRisk {
  readonly host: string;
  readonly reachedFrom: string;
  readonly how: string;
  readonly when: string;
  readonly criticality?: number | null;
}

export type NodeKind = "first" | "compromised" | "at-risk";

export interface PlacedNode {
  readonly host: string;
  readonly kind: NodeKind;
  /** Breadth-first depth from the first host (hops); -1 for a host at risk. */
  readonly depth: number;
  readonly x: number;
  readonly y: number;
}

export interface PlacedEdge {
  readonly from: string;
  readonly to: string;
  readonly at: string;
  readonly technique: string | null;
  readonly via: string;
  /** To a host at risk: a way the attacker could go next, not a step seen. */
  readonly atRisk: boolean;
}

export interface ColumnLabel {
  readonly x: number;
  readonly text: string;
}

export interface GraphLayout {
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
  readonly columns: readonly ColumnLabel[];
  readonly first: string | null;
  /** Where the band of hosts at risk starts (its dividing line), null when there is none. */
  readonly riskBandX: number | null;
  readonly width: number;
  readonly height: number;
}

export const Geometry = {
  nodeWidth: 168,
  nodeHeight: 44,
  columnGap: 136,
  rowGap: 26,
  padding: 20,
  header: 28,
  maxRows: 10,
} as const;

function byTime(a: { readonly firstSeen: string }, b: { readonly firstSeen: string }): number {
  return Date.parse(a.firstSeen) - Date.parse(b.firstSeen);
}

/** The first compromised host: where the earliest step starts among hosts no step reached; else the earliest step's. */
export function firstHost(steps: readonly Step[]): string | null {
  const ordered = [...steps].sort(byTime);
  const reached = new Set(ordered.map((s) => s.to));
  return (ordered.find((s) => !reached.has(s.from)) ?? ordered[0])?.from ?? null;
}

export function layoutGraph(steps: readonly Step[], atRisk: readonly AtRisk[]): GraphLayout {
  const g = Geometry;
  const ordered = [...steps].sort(byTime);
  const out = new Map<string, string[]>();
  const hosts: string[] = [];
  const seen = new Set<string>();
  const note = (host: string): void => {
    if (!seen.has(host)) {
      seen.add(host);
      hosts.push(host);
    }
  };
  for (const s of ordered) {
    note(s.from);
    note(s.to);
    const next = out.get(s.from) ?? [];
    if (!next.includes(s.to)) next.push(s.to);
    out.set(s.from, next);
  }
  // Hosts at risk reached from a host no step names (an incident of one host): that host is compromised, at depth 0.
  for (const r of atRisk) {
    if (!seen.has(r.host)) note(r.reachedFrom);
  }
  const riskHosts = [...new Set(atRisk.map((r) => r.host))].filter((h) => !ordered.some((s) => s.from === h || s.to === h));

  const first = firstHost(ordered) ?? hosts[0] ?? null;
  const depth = new Map<string, number>();
  const order: string[] = [];
  const reached = new Set(ordered.map((s) => s.to));
  // Breadth-first from the first host, then from any host still unplaced (another start, a host only at-risk links name).
  const starts = [first, ...hosts.filter((h) => !reached.has(h)), ...hosts].filter((h): h is string => h !== null);
  for (const start of starts) {
    if (depth.has(start)) continue;
    depth.set(start, 0);
    const queue = [start];
    while (queue.length > 0) {
      const host = queue.shift() as string;
      order.push(host);
      for (const next of out.get(host) ?? []) {
        if (!depth.has(next)) {
          depth.set(next, (depth.get(host) ?? 0) + 1);
          queue.push(next);
        }
      }
    }
  }

  const layers: string[][] = [];
  for (const host of order) {
    const d = depth.get(host) ?? 0;
    (layers[d] ??= []).push(host);
  }

  const nodes: PlacedNode[] = [];
  const columns: ColumnLabel[] = [];
  let x = g.padding;
  let tallest = 0;
  const place = (column: readonly string[], kind: (host: string) => NodeKind, d: number, label: string): void => {
    for (let start = 0; start < column.length; start += g.maxRows) {
      const chunk = column.slice(start, start + g.maxRows);
      columns.push({ x, text: start === 0 ? label : `${label} (cont.)` });
      chunk.forEach((host, row) => {
        nodes.push({ host, kind: kind(host), depth: d, x, y: g.padding + g.header + row * (g.nodeHeight + g.rowGap) });
      });
      tallest = Math.max(tallest, chunk.length);
      x += g.nodeWidth + g.columnGap;
    }
  };
  layers.forEach((layer, d) => {
    place(layer, (h) => (h === first ? "first" : "compromised"), d,
      d === 0 ? "Start" : d === 1 ? "1 hop" : `${String(d)} hops`);
  });

  let riskBandX: number | null = null;
  if (riskHosts.length > 0) {
    // Next to the host they are reachable from, as far as rows allow: sorted by that host's place, then by name.
    const rank = new Map(nodes.map((n, i) => [n.host, i]));
    const from = new Map(atRisk.map((r) => [r.host, r.reachedFrom]));
    riskHosts.sort((a, b) => (rank.get(from.get(a) ?? "") ?? 0) - (rank.get(from.get(b) ?? "") ?? 0) || a.localeCompare(b));
    riskBandX = x - g.columnGap / 2;
    place(riskHosts, () => "at-risk", -1, "At risk: no alert yet");
  }

  const edges: PlacedEdge[] = ordered.map((s) => ({
    from: s.from, to: s.to, at: s.firstSeen, technique: s.technique ?? null, via: s.via ?? "", atRisk: false,
  }));
  for (const r of atRisk) {
    if (riskHosts.includes(r.host) && !edges.some((e) => e.from === r.reachedFrom && e.to === r.host)) {
      edges.push({ from: r.reachedFrom, to: r.host, at: r.when, technique: null, via: r.how, atRisk: true });
    }
  }

  const width = Math.max(x - g.columnGap + g.padding, g.nodeWidth + 2 * g.padding);
  const height = g.padding * 2 + g.header + Math.max(1, tallest) * (g.nodeHeight + g.rowGap) - g.rowGap + g.rowGap * 2;
  return { nodes, edges, columns, first, riskBandX, width, height };
}
