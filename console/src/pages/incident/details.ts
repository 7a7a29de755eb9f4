// The incident's entities with what enrichment found on them, and its alerts with each one's triage.
import { el, table } from "../../dom";
import { when } from "../../format";
import type { Alert, Finding, IncidentView } from "./types";
import { hostLink, userLink } from "../../links";
import { words } from "./summary";

function findingsOf(findings: readonly Finding[]): HTMLElement | string {
  if (findings.length === 0) return "—";
  return el("ul", { class: "plain findings" }, ...findings.map((f) => el("li", {},
    el("span", { class: `chip finding kind-${f.kind}` }, f.kind), ` ${f.text}`,
    el("span", { class: "hint" }, ` — ${f.enricher}${f.source ? `, ${f.source}` : ""}${f.raises ? `; raises it to ${f.raises}` : ""}`))));
}

export function entities(view: IncidentView): HTMLElement[] {
  const findings = view.enrichment?.findings ?? [];
  const about = (entity: string): Finding[] => findings.filter((f) => f.entity.toLowerCase() === entity.toLowerCase());
  const reached = new Set(view.lateralMovement.map((e) => e.to));
  const hostRows = [...view.hosts.map((h) => [h, reached.has(h) ? "reached by a step" : "compromised"] as const),
    ...view.relatedHosts.map((h) => [h, "related (named by its alerts)"] as const)].map(([host, role]) => {
    const mine = about(host);
    const asset = mine.find((f) => f.kind === "asset");
    return [hostLink(host), role, asset?.owner ?? "—", asset?.criticality == null ? "—" : String(asset.criticality), asset?.zone ?? "—",
      findingsOf(mine.filter((f) => f !== asset || !!f.text))];
  });
  const userRows = view.users.map((u) => [userLink(u), findingsOf(about(u))]);
  const others = [...view.externalAddresses.map((a) => [a, "address"] as const), ...view.observables.map((o) => [o, "observable"] as const)];
  const named = new Set([...view.hosts, ...view.relatedHosts, ...view.users, ...others.map(([v]) => v)].map((v) => v.toLowerCase()));
  const otherRows = others.map(([value, kind]) => [el("span", { class: "mono" }, value), kind, findingsOf(about(value))]);
  // Findings about something the lists above do not name (an observable's bare value, say).
  for (const f of findings) {
    if (!named.has(f.entity.toLowerCase()) && f.kind !== "blast-radius") {
      named.add(f.entity.toLowerCase());
      otherRows.push([el("span", { class: "mono" }, f.entity), "entity", findingsOf(about(f.entity))]);
    }
  }
  const runs = view.enrichment?.runs ?? [];
  const parts: HTMLElement[] = [
    el("h3", {}, "Hosts"),
    table("Hosts", ["Host", "Role", "Owner", "Criticality", "Zone", "Enrichment"], hostRows, "No hosts.", "incident-hosts"),
    el("h3", {}, "Users"),
    table("Users", ["User", "Enrichment"], userRows, "No users named.", "incident-users"),
  ];
  if (otherRows.length > 0) {
    parts.push(el("h3", {}, "Addresses and observables"),
      table("Addresses and observables", ["Value", "Kind", "Enrichment"], otherRows, "None.", "incident-observables"));
  }
  const risk = view.blastRadius ?? [];
  if (risk.length > 0) {
    parts.push(el("h3", {}, "Blast radius: hosts it can reach next"),
      table("Blast radius", ["Host", "Reached from", "How", "When", "Criticality", "Owner", "Evidence"],
        risk.map((r) => [hostLink(r.host), hostLink(r.reachedFrom), r.how, when(r.when), r.criticality == null ? "—" : String(r.criticality), r.owner ?? "—", r.evidence]),
        "None.", "incident-blast-radius"));
  }
  parts.push(el("p", { class: "hint", id: "enrichment-runs" }, runs.length === 0
    ? "No enricher has run on it yet."
    : `Enrichers: ${runs.map((r) => `${r.enricher} ${words(r.outcome)} (${String(r.found)} found of ${String(r.entities)}${r.error ? `: ${r.error}` : ""})`).join("; ")}.`));
  return parts;
}

function triageOf(a: Alert): HTMLElement | string {
  const t = a.triage;
  if (!t) return "—";
  return el("div", { class: "triage" },
    el("span", { class: `chip decision-${t.decision}` }, words(t.decision)), " ",
    el("span", { class: "score num", title: "Triage score, 0–100" }, `score ${String(t.score)}`),
    t.suppressedBy ? el("span", { class: "hint" }, ` by ${t.suppressedBy}`) : null);
}

function reasonsOf(a: Alert): HTMLElement | string {
  const reasons = a.triage?.reasons ?? [];
  if (reasons.length === 0) return "—";
  return el("ul", { class: "plain reasons" }, ...reasons.map((r) => el("li", {},
    el("span", { class: "reason-kind" }, r.kind), ` ${r.detail}`,
    r.points ? el("span", { class: "num points" }, ` ${r.points > 0 ? "+" : ""}${String(r.points)}`) : null)));
}

export function alerts(view: IncidentView): HTMLElement[] {
  const rows = view.alerts.map((a) => [
    el("time", { datetime: a.time, class: "num" }, when(a.time)),
    el("span", { class: `badge sev-${a.severity}` }, a.severity),
    el("span", { class: "alert-title" }, a.title),
    el("span", {}, ...a.hosts.flatMap((h, i) => (i > 0 ? [", ", hostLink(h)] : [hostLink(h)]))),
    a.user ? userLink(a.user) : "—",
    [a.technique, a.tactic].filter(Boolean).join(" / ") || "—",
    a.source,
    triageOf(a),
    reasonsOf(a),
  ]);
  const parts: HTMLElement[] = [table("Alerts, newest first", ["Time", "Severity", "Title", "Hosts", "User", "Technique", "Source", "Triage", "Reasons"],
    rows, "No alerts kept.", "incident-alerts")];
  if (view.alertsNotShown > 0) {
    parts.push(el("p", { class: "hint" }, `${String(view.alertsNotShown)} older alerts not shown.`));
  }
  return parts;
}
