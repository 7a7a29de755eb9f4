// The incident's view as GET /api/v1/incidents/{id} writes it (IncidentView.cs and the records it uses): camelCase,
// enums as camelCase strings, absent or null where the contract has nothing.

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

export interface Alert {
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

export interface Summary {
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

export interface TimelineEntry {
  readonly at: string;
  readonly kind: string;
  readonly text: string;
  readonly actor?: string | null;
  readonly before?: string | null;
  readonly after?: string | null;
}

/** One step of lateral movement: host `from` reached host `to`, first at `firstSeen`. */
export interface LateralEdge {
  readonly from: string;
  readonly to: string;
  readonly firstSeen: string;
  readonly technique?: string | null;
  readonly via: string;
  readonly evidenceAlertIds?: readonly string[];
  readonly evidenceEventIds?: readonly string[];
}

export interface Note {
  readonly at: string;
  readonly actor: string;
  readonly text: string;
  readonly from?: string | null;
}

export interface Workflow {
  readonly acknowledgedAt?: string | null;
  readonly acknowledgedBy?: string | null;
  readonly containedAt?: string | null;
  readonly resolvedAt?: string | null;
  readonly resolution?: string | null;
  readonly severityReason?: string | null;
  readonly reopened?: number;
}

export interface Finding {
  readonly enricher: string;
  readonly entity: string;
  readonly kind: string;
  readonly text: string;
  readonly at?: string | null;
  readonly source?: string | null;
  readonly foundAt?: string | null;
  readonly raises?: string | null;
  readonly owner?: string | null;
  readonly criticality?: number | null;
  readonly reachedFrom?: string | null;
  readonly via?: string | null;
  readonly zone?: string | null;
}

export interface EnricherRun {
  readonly enricher: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly outcome: string;
  readonly entities: number;
  readonly found: number;
  readonly error?: string | null;
}

export interface Enrichment {
  readonly runs?: readonly EnricherRun[];
  readonly findings?: readonly Finding[];
  readonly firstCompleteAt?: string | null;
  readonly timeToEnrichment?: string | null;
}

/** A host the attacker can reach next that has raised no alert yet. */
export interface AtRiskHost {
  readonly host: string;
  readonly reachedFrom: string;
  readonly how: string;
  readonly when: string;
  readonly evidence: string;
  readonly criticality?: number | null;
  readonly owner?: string | null;
}

export interface EscalationStep {
  readonly at: string;
  readonly kind: string;
  readonly team: string;
  readonly level: number;
  readonly reason: string;
}

export interface Escalation {
  readonly team: string;
  readonly route: string;
  readonly policyVersion: number;
  readonly level: number;
  readonly levelName: string;
  readonly routedAt: string;
  readonly deadline?: string | null;
  readonly acknowledgeBy?: string | null;
  readonly breached: boolean;
  readonly steps?: readonly EscalationStep[];
}

export interface Task {
  readonly id: string;
  readonly runbook: string;
  readonly text: string;
  readonly done: boolean;
  readonly doneBy?: string | null;
  readonly doneAt?: string | null;
}

export interface IncidentView {
  readonly summary: Summary;
  readonly alerts: readonly Alert[];
  readonly alertsNotShown: number;
  readonly timeline: readonly TimelineEntry[];
  readonly hosts: readonly string[];
  readonly users: readonly string[];
  readonly externalAddresses: readonly string[];
  readonly lateralMovement: readonly LateralEdge[];
  readonly observables: readonly string[];
  readonly relatedHosts: readonly string[];
  readonly notes?: readonly Note[];
  readonly workflow?: Workflow | null;
  readonly enrichment?: Enrichment | null;
  readonly blastRadius?: readonly AtRiskHost[];
  readonly escalation?: Escalation | null;
  readonly tasks?: readonly Task[];
  readonly mergedInto?: string | null;
}

/** The escalation policy's routes, for the name of the level that hears next. */
export interface Policy {
  readonly version: number;
  readonly routes: readonly { readonly name: string; readonly team: string; readonly levels: readonly { readonly name: string; readonly after: string }[] }[];
}

export function severityOf(s: Summary): string {
  return s.effectiveSeverity ?? s.analystSeverity ?? s.severity;
}
