// Response metrics: to be built (issue 18).
import { el } from "../dom";
import type { Context, View } from "../router";

export function openMetrics(context: Context): View {
  context.main.append(el("h1", {}, "Response metrics"), el("p", { class: "empty" }, "This page is still to be built."));
  return { dispose: () => undefined };
}
