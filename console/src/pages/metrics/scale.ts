// Scales and ticks as pure functions: numbers in, numbers out, nothing drawn.

export type Scale = (value: number) => number;

/** A straight map from a domain to a range (either may run backwards, as a y axis does). */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/** A logarithmic map, for times that run from milliseconds to days on one axis; values below the domain sit at its start. */
export function logScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const low = Math.max(domain[0], 1e-9);
  const high = Math.max(domain[1], low * 10);
  const inner = linearScale([Math.log10(low), Math.log10(high)], range);
  return (value) => inner(Math.log10(Math.max(value, low)));
}

/** Equal bands across a range, one per category: where band i starts and how wide each is. */
export interface Bands {
  readonly width: number;
  start(index: number): number;
  middle(index: number): number;
}

export function bandScale(count: number, range: readonly [number, number], padding = 0.25): Bands {
  const [r0, r1] = range;
  const step = (r1 - r0) / Math.max(count, 1);
  const width = step * (1 - padding);
  return {
    width,
    start: (index) => r0 + index * step + (step - width) / 2,
    middle: (index) => r0 + index * step + step / 2,
  };
}

/** Ticks for counts: 0 to a round number at or past the most, at most about `most` steps of 1, 2 or 5 × 10ⁿ. */
export function countTicks(max: number, most = 5): number[] {
  if (!(max > 0)) {
    return [0, 1];
  }
  const rough = max / most;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const whole = Math.max(step, 1);
  const top = Math.ceil(max / whole) * whole;
  const ticks: number[] = [];
  for (let t = 0; t <= top + whole / 2; t += whole) {
    ticks.push(t);
  }
  return ticks;
}

const Second = 1000;
const Minute = 60 * Second;
const Hour = 60 * Minute;
const Day = 24 * Hour;

/** Round lengths of time a duration axis steps by. */
export const DurationSteps: readonly number[] = [
  10, 50, 100, 250, 500, Second, 2 * Second, 5 * Second, 10 * Second, 15 * Second, 30 * Second,
  Minute, 2 * Minute, 5 * Minute, 10 * Minute, 15 * Minute, 30 * Minute,
  Hour, 2 * Hour, 3 * Hour, 6 * Hour, 12 * Hour, Day, 2 * Day, 7 * Day, 14 * Day, 30 * Day,
];

/** Ticks for a linear time axis: 0 to a round length at or past the most, in at most `most` round steps. */
export function durationTicks(maxMs: number, most = 5): number[] {
  if (!(maxMs > 0)) {
    return [0, Second];
  }
  const step = DurationSteps.find((s) => Math.ceil(maxMs / s) <= most) ?? Math.ceil(maxMs / most);
  const ticks: number[] = [];
  for (let i = 0; i <= Math.ceil(maxMs / step); i++) {
    ticks.push(i * step);
  }
  return ticks;
}

/** Decades of time for a log axis that holds [min, max]: 1 s, 10 s, 1 min, 10 min, 1 h, 10 h, 1 d, 7 d… */
const LogMarks: readonly number[] = [1, 10, 100, Second, 10 * Second, Minute, 10 * Minute, Hour, 10 * Hour, Day, 7 * Day, 30 * Day];

export function logDurationTicks(minMs: number, maxMs: number): number[] {
  const below = [...LogMarks].reverse().find((m) => m <= Math.max(minMs, 1)) ?? 1;
  const above = LogMarks.find((m) => m >= maxMs) ?? maxMs;
  return LogMarks.filter((m) => m >= below && m <= above);
}

/** Every k-th of n labels, so that at most `most` are shown (the last always is). */
export function labelEvery(count: number, most: number): (index: number) => boolean {
  const k = Math.max(1, Math.ceil(count / Math.max(most, 1)));
  return (index) => index === count - 1 || (index % k === 0 && count - 1 - index >= k / 2);
}

/** The UTC days from `days - 1` days ago to today, oldest first, as yyyy-mm-dd. */
export function utcDays(days: number, now: number): string[] {
  const today = new Date(now);
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const out: string[] = [];
  for (let i = days - 1; i >= 0; i--) {
    out.push(new Date(start - i * Day).toISOString().slice(0, 10));
  }
  return out;
}

/** "Dec 6" for a yyyy-mm-dd day, read as the UTC day it is. */
const DayLabel = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });

export function dayLabel(day: string): string {
  const at = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(at) ? day : DayLabel.format(at);
}
