// Host and user pages: what their grains know (GET /api/v1/hosts/{key}, /api/v1/users/{name}), the inventory's word on
// a host, and the incidents that name them.
import { getJson, getJsonOrNull, segment } from "../api";
import { el, facts, section, table } from "../dom";
import { when } from "../format";
import type { Context, View } from "../router";
import { type AlertSummary, type IncidentSummary, severityOf } from "../contracts";
import { hostLink, incidentLink, userLink } from "../links";

interface HostView {
  readonly key: string;
  readonly firstSeen?: string | null;
  readonly lastSeen?: string | null;
  readonly alertCount: number;
  readonly openIncidentId?: string | null;
  readonly previousIncidentId?: string | null;
  readonly recentAlerts: readonly AlertSummary[];
  readonly contacts: readonly {
    readonly direction: string; readonly peer: string; readonly protocol: string; readonly lastSeen: string;
    readonly count: number; readonly lateral?: string; readonly technique?: string | null; readonly lastUser?: string | null;
  }[];
  readonly logons: readonly {
    readonly user: string; readonly lastSeen: string; readonly successes: number; readonly failures: number; readonly lastFrom?: string | null;
  }[];
  readonly compromisedSince?: string | null;
  readonly risk: number;
  readonly suspicions: readonly { readonly suspicion: { readonly incidentId: string; readonly kind: string; readonly time?: string }; readonly state: string }[];
  readonly aliases?: readonly string[];
}

interface Asset {
  readonly owner?: string | null;
  readonly criticality?: number | null;
  readonly zone?: string | null;
  readonly tags?: readonly string[];
}

interface UserView {
  readonly name: string;
  readonly firstSeen?: string | null;
  readonly lastSeen?: string | null;
  readonly hosts: readonly { readonly host: string; readonly lastSeen: string; readonly successes: number; readonly failures: number }[];
  readonly exposures: readonly { readonly host: string; readonly incidentId: string; readonly since: string }[];
  readonly signIns: readonly {
    readonly address?: string | null; readonly source: string; readonly lastSeen: string; readonly successes: number; readonly failures: number;
  }[];
}

/** The incidents naming a host or a user, open or not, most urgent first. */
async function incidentsOf(filter: "host" | "user", name: string): Promise<HTMLElement> {
  const page = await getJson<{ items: IncidentSummary[]; total: number }>(
    `/api/v1/incidents?${new URLSearchParams({ [filter]: name, sort: "severity", limit: "50" }).toString()}`);
  return table("Incidents", ["Severity", "Status", "Title", "Alerts", "Updated"],
    page.items.map((s) => [
      el("span", { class: `badge sev-${severityOf(s)}` }, severityOf(s)), s.status, incidentLink(s.id, s.title), String(s.alertCount), when(s.updatedAt),
    ]), "No incident names it.", "entity-incidents");
}

/** "reached by incident X (lateral kind), state": a host an incident's host moved to, not yet proven compromised. */
function suspicions(host: HostView): HTMLElement | string {
  if (host.suspicions.length === 0) {
    return "none";
  }
  return el("ul", { class: "plain" }, ...host.suspicions.map((s) =>
    el("li", {}, "reached from ", incidentLink(s.suspicion.incidentId), ` (${s.suspicion.kind}, ${s.state})`)));
}

export function openHost(context: Context, name: string): View {
  const stop = new AbortController();
  const main = context.main;
  main.append(el("h1", {}, "Host ", el("span", { class: "mono" }, name)), el("p", { class: "hint", id: "entity-loading" }, "Reading what this host's grain knows…"));
  void (async () => {
    try {
      const [host, asset, incidents] = await Promise.all([
        getJson<HostView>(`/api/v1/hosts/${segment(name)}`),
        getJsonOrNull<Asset>(`/api/v1/assets/${segment(name)}`), // not in the inventory
        incidentsOf("host", name),
      ]);
      if (stop.signal.aborted) return;
      main.querySelector("#entity-loading")?.remove();
      main.append(
        facts([
          ["Open incident", host.openIncidentId ? incidentLink(host.openIncidentId) : "none"],
          ["Previous incident", host.previousIncidentId ? incidentLink(host.previousIncidentId) : null],
          ["Compromised since", host.compromisedSince ? when(host.compromisedSince) : "not known to be compromised"],
          ["Risk", String(host.risk)],
          ["Alerts", String(host.alertCount)],
          ["First seen", when(host.firstSeen)],
          ["Last seen", when(host.lastSeen)],
          ["Owner", asset?.owner ?? (asset ? null : "not in the inventory")],
          ["Criticality", asset?.criticality == null ? null : String(asset.criticality)],
          ["Zone", asset?.zone ?? null],
          ["Also known as", host.aliases?.length ? host.aliases.join(", ") : null],
          ["Suspicions", suspicions(host)],
        ]),
        section("Incidents", "host-incidents", incidents),
        section("Recent alerts", "host-alerts", table("Recent alerts", ["Time", "Severity", "Title", "User", "Source", "Technique", "Triage"],
          host.recentAlerts.map((a) => [when(a.time), el("span", { class: `badge sev-${a.severity}` }, a.severity), a.title, a.user ? userLink(a.user) : "—", a.source,
            a.technique ?? "—", a.triage?.decision ?? "—"]), "No alerts kept.")),
        section("Connections", "host-contacts", table("Connections", ["Direction", "Peer", "Protocol", "Count", "Lateral", "Technique", "User", "Last seen"],
          host.contacts.map((c) => [c.direction, hostLink(c.peer), c.protocol, String(c.count), c.lateral && c.lateral !== "none" ? c.lateral : "—",
            c.technique ?? "—", c.lastUser ? userLink(c.lastUser) : "—", when(c.lastSeen)]), "No connections seen.")),
        section("Sign-ins", "host-logons", table("Sign-ins", ["User", "Successes", "Failures", "Last from", "Last seen"],
          host.logons.map((l) => [userLink(l.user), String(l.successes), String(l.failures), l.lastFrom ? hostLink(l.lastFrom) : "—", when(l.lastSeen)]),
          "No sign-ins seen.")));
    } catch (error) {
      if (!stop.signal.aborted) {
        main.querySelector("#entity-loading")?.remove();
        context.fail(error, "This host");
      }
    }
  })();
  return { dispose: () => stop.abort() };
}

export function openUser(context: Context, name: string): View {
  const stop = new AbortController();
  const main = context.main;
  main.append(el("h1", {}, "User ", el("span", { class: "mono" }, name)), el("p", { class: "hint", id: "entity-loading" }, "Reading what this account's grain knows…"));
  void (async () => {
    try {
      const [user, incidents] = await Promise.all([
        getJsonOrNull<UserView>(`/api/v1/users/${segment(name)}`), // null: named by alerts only, its incidents still show
        incidentsOf("user", name),
      ]);
      if (stop.signal.aborted) return;
      main.querySelector("#entity-loading")?.remove();
      if (!user) {
        main.append(facts([["Sign-ins", "No sign-in event has named this account; alerts may still name it."]]),
          section("Incidents", "user-incidents", incidents));
        return;
      }
      main.append(
        facts([["First seen", when(user.firstSeen)], ["Last seen", when(user.lastSeen)], ["Hosts", String(user.hosts.length)],
          ["Exposed on", user.exposures.length ? `${String(user.exposures.length)} compromised host(s)` : "no compromised host"]]),
        section("Incidents", "user-incidents", incidents),
        section("Compromised hosts it used", "user-exposures", table("Compromised hosts it used", ["Host", "Incident", "Since"],
          user.exposures.map((x) => [hostLink(x.host), incidentLink(x.incidentId), when(x.since)]), "None of its hosts is known to be compromised.")),
        section("Hosts", "user-hosts", table("Hosts", ["Host", "Successes", "Failures", "Last seen"],
          user.hosts.map((h) => [hostLink(h.host), String(h.successes), String(h.failures), when(h.lastSeen)]), "No host sign-ins seen.")),
        section("Cloud sign-ins", "user-sign-ins", table("Cloud sign-ins", ["From", "Source", "Successes", "Failures", "Last seen"],
          user.signIns.map((s) => [s.address ?? "—", s.source, String(s.successes), String(s.failures), when(s.lastSeen)]), "No cloud sign-ins seen.")));
    } catch (error) {
      if (!stop.signal.aborted) {
        main.querySelector("#entity-loading")?.remove();
        context.fail(error, "This user");
      }
    }
  })();
  return { dispose: () => stop.abort() };
}
