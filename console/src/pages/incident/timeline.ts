// The incident's timeline, newest first: what correlation, enrichment, escalation and analysts did, with the alerts
// and notes in their places, each with its time, its kind and who or what.
import { el } from "../../dom";
import { when } from "../../format";
import type { IncidentView, Note } from "./types";

interface Item {
  readonly at: string;
  readonly kind: string;
  readonly text: string;
  readonly who: string | null;
  readonly change: string | null;
  readonly note: Note | null;
}

const KindNames: Record<string, string> = {
  opened: "opened", host: "host", user: "user", "lateral-movement": "lateral movement", severity: "severity",
  escalation: "escalation", runbook: "runbook", acknowledge: "acknowledged", assign: "assigned", status: "status",
  note: "note", tags: "tags", task: "task", alert: "alert", enrichment: "enrichment", merged: "merged",
};

function items(view: IncidentView): Item[] {
  const notes = [...(view.notes ?? [])];
  const out: Item[] = view.timeline.map((e) => {
    let note: Note | null = null;
    if (e.kind === "note") {
      // The note's entry and the note itself are written at the same moment by the same analyst.
      const i = notes.findIndex((n) => n.at === e.at && n.actor === e.actor);
      if (i >= 0) {
        note = notes[i] ?? null;
        notes.splice(i, 1);
      }
    }
    const who = e.actor ?? (e.kind === "escalation" ? "escalation" : "correlation");
    const change = e.before != null || e.after != null ? `${e.before ?? "none"} → ${e.after ?? "none"}` : null;
    return { at: e.at, kind: e.kind, text: e.text, who, change, note };
  });
  // Notes whose entries have been trimmed away, or that came with a merged incident.
  for (const n of notes) {
    out.push({ at: n.at, kind: "note", text: n.from ? `Note by ${n.actor} (from ${n.from})` : `Note by ${n.actor}`, who: n.actor, change: null, note: n });
  }
  for (const a of view.alerts) {
    out.push({
      at: a.time, kind: "alert", text: `${a.title} on ${a.hosts.join(", ")}${a.technique ? ` (${a.technique})` : ""}`,
      who: a.source, change: null, note: null,
    });
  }
  for (const f of view.enrichment?.findings ?? []) {
    out.push({
      at: f.foundAt ?? f.at ?? "", kind: "enrichment", text: `${f.entity}: ${f.text}${f.raises ? ` (raises it to ${f.raises})` : ""}`,
      who: f.source ? `${f.enricher} (${f.source})` : f.enricher, change: null, note: null,
    });
  }
  return out;
}

export function timeline(view: IncidentView): HTMLElement {
  // Newest first: what just changed is what an analyst looks for; ties keep the order they were written in.
  const ordered = items(view)
    .map((item, i) => ({ item, i, at: Date.parse(item.at) || 0 }))
    .sort((a, b) => b.at - a.at || b.i - a.i)
    .map((x) => x.item);
  if (ordered.length === 0) {
    return el("p", { class: "empty small" }, "Nothing has happened to it yet.");
  }
  return el("ol", { class: "timeline", id: "incident-timeline", "aria-label": "Timeline, newest first" },
    ...ordered.map((item) => el("li", { class: `tl kind-${item.kind}`, "data-kind": item.kind },
      el("time", { datetime: item.at, class: "num" }, when(item.at)),
      el("span", { class: "tl-kind" }, KindNames[item.kind] ?? item.kind),
      el("span", { class: "tl-text" }, item.text,
        item.change ? el("span", { class: "tl-change" }, ` (${item.change})`) : null,
        item.who ? el("span", { class: "tl-who" }, ` — ${item.who}`) : null,
        item.note ? el("blockquote", { class: "note-text" }, item.note.text) : null))));
}
