// The runbook tasks attached to the incident, each a checkbox to tick (POST tasks/{taskId}/done); done ones ticked,
// with who and when. Its error, if ticking fails, shows beside the task.
import { ApiError, segment } from "../../api";
import { el } from "../../dom";
import { when } from "../../format";
import type { Act } from "./actions";
import type { Task } from "./types";

/** Errors by task id, kept by the page so that a re-read (a 412 reads it again) does not wipe the sentence away. */
export type TaskErrors = Map<string, string>;

export function tasks(list: readonly Task[], act: Act, fail: (error: unknown) => boolean, locked: boolean, errors: TaskErrors): HTMLElement {
  if (list.length === 0) {
    return el("p", { class: "empty small" }, "No runbook attached.");
  }
  const done = list.filter((t) => t.done).length;
  const groups = new Map<string, Task[]>();
  for (const t of list) {
    groups.set(t.runbook, [...(groups.get(t.runbook) ?? []), t]);
  }
  return el("div", { class: "tasks" },
    el("p", { class: "hint", id: "tasks-count" }, `${String(done)} of ${String(list.length)} done`),
    ...[...groups].map(([runbook, items]) => el("fieldset", { class: "runbook" },
      el("legend", {}, `Runbook: ${runbook}`),
      el("ul", { class: "plain" }, ...items.map((t) => item(t, act, fail, locked, errors))))));
}

function item(t: Task, act: Act, fail: (error: unknown) => boolean, locked: boolean, errors: TaskErrors): HTMLElement {
  const id = `task-${t.id}`;
  const box = el("input", { type: "checkbox", id, name: id, "data-task": t.id });
  box.checked = t.done;
  box.disabled = t.done || locked;
  const error = el("p", { class: "error", role: "alert", id: `${id}-error` }, errors.get(t.id) ?? "");
  error.hidden = !errors.has(t.id) || t.done;
  box.addEventListener("change", () => {
    if (!box.checked) return;
    box.disabled = true;
    error.hidden = true;
    errors.delete(t.id);
    act(`tasks/${segment(t.id)}/done`).catch((failure: unknown) => {
      box.checked = false;
      box.disabled = false;
      if (!fail(failure)) {
        const text = failure instanceof ApiError ? failure.message : "That could not be ticked just now. Try again in a moment.";
        errors.set(t.id, text);
        error.textContent = text;
        error.hidden = false;
      }
    });
  });
  return el("li", { class: t.done ? "task done" : "task", "data-task-id": t.id },
    box, el("label", { for: id }, t.text),
    t.done ? el("span", { class: "hint done-by" }, ` — done by ${t.doneBy ?? "someone"}, ${when(t.doneAt)}`) : null,
    error);
}
