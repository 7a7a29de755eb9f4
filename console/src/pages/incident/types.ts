// The incident's view as GET /api/v1/incidents/{id} writes it (IncidentView.cs and the records it uses): camelCase,
// enums as camelCase strings, absent or null where the contract has nothing.

import type { AlertSummary, IncidentSummary } from "../../contracts";

export type { AlertTriage, Endpoint, Policy, TriageReason } from "../../contracts";
export { severityOf } from "../../contracts";
export type Alert = AlertSummary;
export type Summary = IncidentSummary;

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
