// What the admin sections share: who may change things, refusals and problems in words.
import { ApiError } from "../../api";
import { el } from "../../dom";
import type { Context } from "../../router";

/** What a section is given: the console, whether this key is a tenant admin's, and a signal for when the page is left. */
export interface AdminScope {
  readonly context: Context;
  /** False when the admin endpoints refused this key (403): the section shows what analysts may read, and says why the rest is not there. */
  readonly admin: boolean;
  readonly signal: AbortSignal;
}

export const AdminOnly = "Only a tenant admin can change these.";

export function isRefused(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403;
}

/** The line an analyst reads where an admin's controls would be. */
export function readOnlyNote(what = AdminOnly, extra = "You are signed in with an analyst's key: you can read them."): HTMLElement {
  return el("p", { class: "read-only", role: "note" }, el("strong", {}, what), " ", extra);
}

/** A failure beside a form: the API's sentence, and a 400's named problems each by its place ('routes[0].levels[1].after': …). */
export function problemsOf(error: unknown, what: string): HTMLElement[] {
  if (isRefused(error)) {
    return [el("p", {}, AdminOnly)];
  }
  if (error instanceof ApiError) {
    if (error.problems.length === 0) {
      return [el("p", {}, error.message)];
    }
    return [
      el("p", {}, error.status === 400 ? "The API named these problems:" : error.message),
      el("ul", { class: "problems" }, ...error.problems.map((problem) => {
        const place = /^'([^']+)':\s*(.*)$/s.exec(problem);
        return place
          ? el("li", { "data-place": place[1] ?? "" }, el("code", {}, place[1] ?? ""), " ", place[2] ?? "")
          : el("li", {}, problem);
      })),
    ];
  }
  return [el("p", {}, `${what} failed. Try again in a moment.`)];
}

/** An area that says what went wrong (role=alert), hidden while there is nothing to say. */
export function errorArea(id: string): { readonly element: HTMLElement; show(error: unknown, what: string): void; say(text: string): void; hide(): void } {
  const element = el("div", { class: "error", id, role: "alert" });
  element.hidden = true;
  return {
    element,
    show(error, what) {
      element.replaceChildren(...problemsOf(error, what));
      element.hidden = false;
    },
    say(text) {
      element.replaceChildren(el("p", {}, text));
      element.hidden = false;
    },
    hide() {
      element.replaceChildren();
      element.hidden = true;
    },
  };
}

/** A polite line that says what was done. */
export function statusLine(id: string): HTMLParagraphElement {
  return el("p", { class: "done", id, role: "status", "aria-live": "polite" });
}

/** A list typed as "a, b, c": its values, trimmed, without empty ones. */
export function listOf(text: string): string[] {
  return text.split(/[,\n]/).map((v) => v.trim()).filter((v) => v.length > 0);
}
