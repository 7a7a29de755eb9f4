// What the API answers, as its contracts write it (src/Incidents.Contracts): camelCase, enums as camelCase strings,
// absent or null where the contract has nothing. Shared by the pages that show the same records.

export interface TriageReason {
  readonly kind: string;
  readonly detail: string;
  readonly points: number;
}

export interface AlertTriage {
  readonly decision: string;
  readonly score: number;
  readonly reasons: readonly TriageReason[];
  readonly suppressedBy?: string | null;
}

export interface Endpoint {
  readonly ip?: string | null;
  readonly port?: number | null;
  readonly hostName?: string | null;
  readonly user?: string | null;
  readonly isInternal?: boolean;
}

/** An alert as incidents and hosts carry it (AlertSummary.cs). */
export interface AlertSummary {
  readonly id: string;
  readonly source: string;
  readonly time: string;
  readonly title: string;
  readonly ruleId?: string | null;
  readonly severity: string;
  readonly category?: string | null;
  readonly tactic?: string | null;
  readonly technique?: string | null;
  readonly protocol?: string | null;
  readonly src?: Endpoint | null;
  readonly dst?: Endpoint | null;
  readonly user?: string | null;
  readonly hosts: readonly string[];
  readonly observables?: readonly string[];
  readonly triage?: AlertTriage | null;
  readonly drill?: string | null;
}

/** An incident as the queue and the feed carry it (IncidentSummary.cs). */
export interface IncidentSummary {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly severity: string;
  readonly effectiveSeverity?: string;
  readonly analystSeverity?: string | null;
  readonly hosts: readonly string[];
  readonly users: readonly string[];
  readonly hostCount: number;
  readonly userCount: number;
  readonly alertCount: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly categories?: readonly string[];
  readonly mergedInto?: string | null;
  readonly version: number;
  readonly assignee?: string | null;
  readonly team?: string | null;
  readonly tags?: readonly string[];
  readonly classification?: string | null;
  readonly follows?: string | null;
  readonly owner?: string | null;
  readonly criticality?: number | null;
  readonly intelHits?: number;
  readonly escalationLevel?: string | null;
  readonly escalationDeadline?: string | null;
}

/** The severity to work by: the analyst's over the tools' own. */
export function severityOf(s: IncidentSummary): string {
  return s.effectiveSeverity ?? s.analystSeverity ?? s.severity;
}

/** The escalation policy (EscalationPolicy.cs): teams, and routes tried in order, the last the default. */
export interface Team {
  readonly id: string;
  readonly name: string;
}

export interface Condition {
  readonly categories?: readonly string[];
  readonly tactics?: readonly string[];
  readonly minSeverity?: string | null;
  readonly minCriticality?: number | null;
  readonly zones?: readonly string[];
  readonly tags?: readonly string[];
  readonly intelHit?: boolean;
}

export interface Level {
  readonly name: string;
  readonly after: string;
}

export interface Route {
  readonly name: string;
  readonly when: readonly Condition[];
  readonly team: string;
  readonly levels: readonly Level[];
}

export interface Policy {
  readonly version: number;
  readonly teams: readonly Team[];
  readonly routes: readonly Route[];
}
