// Incident: to be built (issue 18).
import { el } from "../dom";
import type { Context, View } from "../router";

export function openIncident(context: Context, id: string): View {
  context.main.append(el("h1", {}, "Incident"), el("p", { class: "empty" }, "This page is still to be built."));
  return { dispose: () => undefined };
}
