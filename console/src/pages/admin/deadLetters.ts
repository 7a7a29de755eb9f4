// Webhook deliveries given up (GET /api/v1/escalation/dead-letters, newest first; POST …/{id}/replay) and the tenant's
// webhooks (GET /api/v1/escalation/webhooks: a secret goes in and never comes out, only whether one is set).
// Tenant admins only: an analyst's key is refused, and the section says so.
import { getJson, segment, sendJson } from "../../api";
import { el, section, table } from "../../dom";
import { when } from "../../format";
import { type AdminScope, errorArea, isRefused, readOnlyNote, statusLine } from "./common";
import { incidentLink } from "../../links";

interface DeadLetter {
  readonly id: string;
  readonly eventId: string;
  readonly incidentId: string;
  readonly team: string;
  readonly webhookId: string;
  readonly attempts: number;
  readonly lastStatus?: number | null;
  readonly lastError: string;
  readonly at: string;
  readonly kind: string;
}

interface Webhook {
  readonly id: string;
  readonly team: string;
  readonly url: string;
  readonly format: string;
  readonly secretSet: boolean;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

const Refused = "Only a tenant admin can see and replay these.";

export function openDeadLetters(scope: AdminScope): HTMLElement {
  const letters = el("div", { id: "dead-letters-area", "aria-busy": "true" }, el("p", { class: "hint" }, "Reading the dead letters…"));
  const hooks = el("div", { id: "webhooks-area", "aria-busy": "true" }, el("p", { class: "hint" }, "Reading the webhooks…"));
  const done = statusLine("dead-letter-status");
  const errors = errorArea("dead-letter-error");

  const refused = (area: HTMLElement): void => {
    area.replaceChildren(readOnlyNote(Refused, "Dead letters and webhooks are for tenant admins: they name the receivers' addresses."));
    area.removeAttribute("aria-busy");
  };

  const loadLetters = async (): Promise<void> => {
    try {
      const list = await getJson<DeadLetter[]>("/api/v1/escalation/dead-letters?limit=200");
      if (scope.signal.aborted) return;
      const newest = [...list].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
      letters.replaceChildren(table("Dead letters, newest first", ["Given up", "Incident", "Team", "Webhook", "Notice", "Attempts", "Last answer", ""],
        newest.map((d) => {
          const replay = el("button", { type: "button", class: "secondary", "aria-label": `Replay the delivery ${d.id} to ${d.webhookId}` }, "Replay");
          replay.addEventListener("click", () => {
            replay.disabled = true;
            errors.hide();
            void sendJson("POST", `/api/v1/escalation/dead-letters/${segment(d.id)}/replay`)
              .then(async () => {
                done.textContent = `Delivery ${d.id} to ${d.webhookId} is back in delivery.`;
                await loadLetters();
              })
              .catch((error: unknown) => {
                errors.show(error, "Replaying the delivery");
                replay.disabled = false;
              });
          });
          return [
            when(d.at), incidentLink(d.incidentId, d.incidentId, { class: "mono" }), d.team, el("span", { class: "mono" }, d.webhookId), d.kind,
            String(d.attempts), `${d.lastStatus == null ? "no answer" : `HTTP ${String(d.lastStatus)}`}: ${d.lastError}`, replay,
          ];
        }), "No dead letters: every notice reached its webhooks, or is still being tried.", "dead-letters"));
      letters.removeAttribute("aria-busy");
    } catch (error) {
      if (scope.signal.aborted) return;
      if (isRefused(error)) {
        refused(letters);
        return;
      }
      letters.replaceChildren();
      scope.context.fail(error, "The dead letters");
    }
  };

  const loadHooks = async (): Promise<void> => {
    try {
      const set = await getJson<{ version: number; webhooks: Webhook[] }>("/api/v1/escalation/webhooks");
      if (scope.signal.aborted) return;
      hooks.replaceChildren(table("Webhooks", ["Id", "Team", "Address", "Format", "Secret", "Changed"],
        set.webhooks.map((w) => [
          el("span", { class: "mono" }, w.id), w.team, el("span", { class: "mono url" }, w.url), w.format,
          w.secretSet ? "set (never shown)" : "none", `${when(w.updatedAt)} by ${w.updatedBy}`,
        ]), "No webhooks: teams hear of incidents in the console only.", "webhooks"));
      hooks.removeAttribute("aria-busy");
    } catch (error) {
      if (scope.signal.aborted) return;
      if (isRefused(error)) {
        refused(hooks);
        return;
      }
      hooks.replaceChildren();
      scope.context.fail(error, "The webhooks");
    }
  };

  void loadLetters();
  void loadHooks();
  return el("div", { class: "admin-section" },
    section("Webhook dead letters", "admin-dead-letters",
      el("p", { class: "hint" }, "Notices a webhook would not take after every retry. Replaying one puts it back in delivery, its attempts counted afresh."),
      done, errors.element, letters),
    section("Webhooks", "admin-webhooks", hooks));
}
