// How times, durations and severities read across the console.

const Rank: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export function severityRank(severity: string | null | undefined): number {
  return Rank[severity ?? ""] ?? 0;
}

const Stamp = new Intl.DateTimeFormat(undefined, {
  year: "numeric", month: "short", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
});

/** A moment as the analyst's clock reads it; "—" for none. */
export function when(iso: string | null | undefined): string {
  if (!iso) {
    return "—";
  }
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : Stamp.format(at);
}

/** A length of time, read at a glance: 850 ms, 42 s, 3 min 5 s, 2 h 10 min, 3 d 4 h. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) {
    return "—";
  }
  if (ms < 1000) {
    return `${String(Math.round(ms))} ms`;
  }
  const s = Math.round(ms / 1000);
  if (s < 60) {
    return `${String(s)} s`;
  }
  const m = Math.floor(s / 60);
  if (m < 60) {
    return s % 60 ? `${String(m)} min ${String(s % 60)} s` : `${String(m)} min`;
  }
  const h = Math.floor(m / 60);
  if (h < 48) {
    return m % 60 ? `${String(h)} h ${String(m % 60)} min` : `${String(h)} h`;
  }
  const d = Math.floor(h / 24);
  return h % 24 ? `${String(d)} d ${String(h % 24)} h` : `${String(d)} d`;
}

/** An ISO 8601 / .NET TimeSpan ("00:05:00", "1.02:00:00") or ISO duration ("PT5M") in milliseconds; null if unreadable. */
export function spanMs(span: string | null | undefined): number | null {
  if (!span) {
    return null;
  }
  const dotnet = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(span);
  if (dotnet) {
    const [, sign, d, h, m, s, f] = dotnet;
    const ms = ((Number(d ?? 0) * 24 + Number(h)) * 60 + Number(m)) * 60_000 + Number(s) * 1000 + Number(`0.${f ?? "0"}`) * 1000;
    return sign ? -ms : ms;
  }
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(span);
  if (iso) {
    const [, d, h, m, s] = iso;
    return ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(m ?? 0)) * 60_000 + Number(s ?? 0) * 1000;
  }
  return null;
}

/** The time left to a deadline, counting down: 4:59, 1 h 05 m, due now; "—" for none. */
export function countdown(deadline: string | null | undefined, now: number): string {
  if (!deadline) {
    return "—";
  }
  const left = Math.round((Date.parse(deadline) - now) / 1000);
  if (left <= 0) {
    return "due now";
  }
  const minutes = Math.floor(left / 60);
  const seconds = left % 60;
  return minutes >= 60
    ? `${String(Math.floor(minutes / 60))} h ${String(minutes % 60).padStart(2, "0")} m`
    : `${String(minutes)}:${String(seconds).padStart(2, "0")}`;
}
