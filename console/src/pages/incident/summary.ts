// The incident's summary (who has it, what it is, where) and its escalation clock, which counts down each second.
import { el, facts } from "../../dom";
import { countdown, spanMs, duration, when } from "../../format";
import { type Escalation, type IncidentView, type Policy, severityOf } from "./types";
import { hostLink, incidentLink, userLink } from "../../links";

/** "truePositive" → "true positive". */
export function words(camel: string | null | undefined): string {
  return (camel ?? "").replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

function list(items: readonly Node[], more = 0): HTMLElement | null {
  if (items.length === 0) return null;
  const out = el("span", { class: "inline-list" });
  items.forEach((item, i) => {
    if (i > 0) out.append(", ");
    out.append(item);
  });
  if (more > 0) out.append(` +${String(more)} more`);
  return out;
}

function chips(items: readonly string[], cls: string): HTMLElement | null {
  return items.length === 0 ? null : el("span", { class: "chips" }, ...items.map((t) => el("span", { class: `chip ${cls}` }, t)));
}

/** The zone of its most critical host, as the inventory says (enrichment's asset findings). */
function zoneOf(view: IncidentView): string | null {
  const assets = (view.enrichment?.findings ?? []).filter((f) => f.kind === "asset" && f.zone);
  assets.sort((a, b) => (b.criticality ?? 0) - (a.criticality ?? 0));
  return assets[0]?.zone ?? null;
}

export function summaryFacts(view: IncidentView): HTMLDListElement {
  const s = view.summary;
  const severity = severityOf(s);
  const tactics = [...new Set(view.alerts.map((a) => a.tactic).filter((t): t is string => !!t))];
  const hosts = view.hosts.length > 0 ? view.hosts : s.hosts;
  const users = view.users.length > 0 ? view.users : s.users;
  const zone = zoneOf(view);
  const severityCell = el("span", {},
    el("span", { class: `badge sev-${severity}`, id: "incident-severity" }, severity),
    s.analystSeverity ? ` set by an analyst over the tools' ${s.severity}` : null,
    view.workflow?.severityReason ? el("span", { class: "hint" }, ` (${view.workflow.severityReason})`) : null);
  const status = el("span", { id: "incident-status", class: `status status-${s.status}` }, words(s.status));
  const statusCell = el("span", {}, status,
    s.classification ? el("span", { id: "incident-verdict", class: "verdict" }, ` · verdict: ${words(s.classification)}`) : null,
    view.workflow?.resolution ? el("span", { class: "hint" }, ` (${view.workflow.resolution})`) : null);
  const pairs: [string, Node | string | null][] = [
    ["Severity", severityCell],
    ["Status", statusCell],
    ["Team", el("span", { id: "incident-team" }, s.team ?? "—")],
    ["Assignee", el("span", { id: "incident-assignee" }, s.assignee ?? "unassigned")],
    ["Owner", s.owner ?? null],
    ["Criticality", s.criticality == null ? null : `${String(s.criticality)} of 5`],
  ];
  if (zone) pairs.push(["Zone", zone]);
  pairs.push(
    ["Categories", chips(s.categories ?? [], "category")],
    ["Tactics", chips(tactics, "tactic")],
    ["Tags", chips(s.tags ?? [], "tag")],
    ["Alerts", String(s.alertCount)],
    [`Hosts (${String(s.hostCount)})`, list(hosts.map(hostLink), Math.max(0, s.hostCount - hosts.length))],
    [`Users (${String(s.userCount)})`, list(users.map(userLink), Math.max(0, s.userCount - users.length))],
  );
  if (view.relatedHosts.length > 0) pairs.push(["Related hosts", list(view.relatedHosts.map(hostLink))]);
  if (view.externalAddresses.length > 0) pairs.push(["External addresses", view.externalAddresses.join(", ")]);
  if ((s.intelHits ?? 0) > 0) pairs.push(["Intel hits", String(s.intelHits)]);
  pairs.push(["First seen", when(s.firstSeen)], ["Last seen", when(s.lastSeen)]);
  if (s.mergedInto) pairs.push(["Merged into", incidentLink(s.mergedInto)]);
  if (s.follows) pairs.push(["Follows", incidentLink(s.follows)]);
  const dl = facts(pairs);
  dl.id = "incident-facts";
  dl.classList.add("summary-facts");
  return dl;
}

/** Who hears next, by the route's levels in the policy (null when the policy no longer has the route). */
function nextLevel(e: Escalation, policy: Policy | null): string | null {
  const route = policy?.routes.find((r) => r.name === e.route && r.team === e.team);
  return route?.levels[e.level + 1]?.name ?? null;
}

/** The clock's parts; the deadline's cell is refreshed each second by tickClock. */
export function escalationClock(view: IncidentView, policy: Policy | null, now: number): HTMLElement {
  const e = view.escalation;
  if (!e) {
    return el("p", { class: "hint", id: "escalation-clock", "data-state": "unrouted" }, "Not routed to a team yet.");
  }
  const steps = e.steps ?? [];
  const stopped = [...steps].reverse().find((s) => s.kind === "acknowledged" || s.kind === "resolved");
  const next = nextLevel(e, policy);
  const state = e.deadline ? "running" : stopped ? "stopped" : "last-level";
  const clock = el("div", { class: `clock ${state}`, id: "escalation-clock", "data-state": state });
  clock.append(el("p", { class: "clock-level" }, "Team ", el("strong", {}, e.team), " · level ", el("strong", { id: "escalation-level" }, e.levelName),
    ` (${String(e.level + 1)})`, e.breached ? el("span", { class: "breached" }, " · acknowledgement deadline missed") : null));
  if (e.deadline) {
    clock.append(el("p", { class: "clock-due" }, `${next ?? "The next level"} hears in `,
      el("span", { class: "countdown num", id: "escalation-countdown", "data-deadline": e.deadline }, countdown(e.deadline, now)),
      el("span", { class: "hint" }, ` (at ${when(e.deadline)}) unless someone acknowledges it`)));
  } else if (stopped) {
    clock.append(el("p", { class: "clock-due", id: "escalation-stopped" }, `Clock stopped: ${stopped.reason}`, el("span", { class: "hint" }, ` (${when(stopped.at)})`)));
  } else {
    clock.append(el("p", { class: "clock-due", id: "escalation-stopped" }, "Clock stopped: the last level has it."));
  }
  const routedFor = spanMs(view.enrichment?.timeToEnrichment);
  clock.append(el("p", { class: "hint" }, `Route '${e.route}', routed ${when(e.routedAt)}`,
    e.acknowledgeBy ? `; to acknowledge by ${when(e.acknowledgeBy)}` : "",
    routedFor !== null ? `; enriched in ${duration(routedFor)}` : ""));
  return clock;
}

export function tickClock(root: HTMLElement, now: number): void {
  for (const cell of Array.from(root.querySelectorAll<HTMLElement>(".countdown[data-deadline]"))) {
    cell.textContent = countdown(cell.dataset["deadline"], now);
  }
}
