// What the metrics page reads: /api/v1/metrics/response (figures from a UTC day on, for a team or all),
// /api/v1/metrics/triage (alerts and incidents per day), /api/v1/metrics/enrichment, and the policy's teams.
import { ApiError, getJson } from "../../api";
import type { Team } from "../../contracts";

export const Measures = ["triage", "enrichment", "escalation", "acknowledge", "contain", "resolve"] as const;
export type Measure = (typeof Measures)[number];

export interface Figures {
  readonly count: number;
  readonly p50Milliseconds?: number | null;
  readonly p90Milliseconds?: number | null;
  readonly p99Milliseconds?: number | null;
  readonly maxMilliseconds?: number | null;
}

export interface ResponseReport {
  readonly since: string;
  readonly team?: string | null;
  readonly measures: Partial<Record<string, Figures>>;
  readonly breaches: number;
  readonly breachedIncidents: readonly string[];
}

export interface DecisionCounts {
  readonly suppressed: number;
  readonly recorded: number;
  readonly opened: number;
  readonly joined: number;
}

export interface TriageTotals {
  readonly alerts: DecisionCounts;
  readonly incidentsOpened: number;
  readonly alertsPerIncident?: number | null;
  readonly perDay: readonly { readonly day: string; readonly decisions: DecisionCounts; readonly incidentsOpened: number }[];
}

export interface EnrichmentStats {
  readonly incidents: number;
  readonly p50Milliseconds?: number | null;
  readonly p90Milliseconds?: number | null;
  readonly p99Milliseconds?: number | null;
  readonly maxMilliseconds?: number | null;
  readonly sampled: number;
  readonly runs: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly meanRunMilliseconds: Readonly<Record<string, number>>;
}

/** Everything one period's charts are drawn from. */
export interface MetricsData {
  /** The period's UTC days, oldest first. */
  readonly days: readonly string[];
  /** Figures from each of those days on (so [0] is the whole period): per-day counts are the differences. */
  readonly fromDay: readonly ResponseReport[];
  /** The period's figures by team, for the policy's teams (and "other"), each null where it could not be read. */
  readonly teams: readonly { readonly team: Team; readonly report: ResponseReport }[];
  readonly triage: TriageTotals | null;
  readonly enrichment: EnrichmentStats | null;
}

export const emptyFigures: Figures = { count: 0 };

export function figuresOf(report: ResponseReport | undefined, measure: Measure): Figures {
  return report?.measures[measure] ?? emptyFigures;
}

/** Runs the tasks at most `limit` at a time (the key has a rate limit, and the API two cores), keeping their order. */
export async function pooled<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      const task = tasks[index];
      if (task) {
        results[index] = await task();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

const response = (since: string, team?: string): Promise<ResponseReport> =>
  getJson<ResponseReport>(`/api/v1/metrics/response?${new URLSearchParams(team ? { since, team } : { since }).toString()}`);

/** A figure the page can do without (triage's, enrichment's, the teams'): null when it could not be read, unless the key was refused. */
async function optional<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      throw error;
    }
    return null;
  }
}

export async function loadMetrics(days: readonly string[]): Promise<MetricsData> {
  const first = days[0] ?? new Date().toISOString().slice(0, 10);
  const policy = await optional(getJson<{ readonly teams: readonly Team[] }>("/api/v1/escalation/policy"));
  const teams: Team[] = [...(policy?.teams ?? []), { id: "other", name: "Other" }];
  const [fromDay, byTeam, triage, enrichment] = await Promise.all([
    pooled(days.map((day) => () => response(day)), 6),
    pooled(teams.map((team) => () => optional(response(first, team.id)).then((report) => ({ team, report }))), 4),
    optional(getJson<TriageTotals>("/api/v1/metrics/triage")),
    optional(getJson<EnrichmentStats>("/api/v1/metrics/enrichment")),
  ]);
  return {
    days,
    fromDay,
    teams: byTeam.filter((t): t is { team: Team; report: ResponseReport } => t.report !== null),
    triage,
    enrichment,
  };
}

/** A day's own count: from that day on, less from the next day on (exact, as counts add up; percentiles do not). */
export function perDay(data: MetricsData, count: (report: ResponseReport) => number): number[] {
  return data.days.map((_, i) => {
    const here = data.fromDay[i];
    const next = data.fromDay[i + 1];
    return here ? Math.max(0, count(here) - (next ? count(next) : 0)) : 0;
  });
}
