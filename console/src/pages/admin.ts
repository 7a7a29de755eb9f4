// Admin: to be built (issue 18).
import { el } from "../dom";
import type { Context, View } from "../router";

export function openAdmin(context: Context, section: string): View {
  context.main.append(el("h1", {}, "Admin"), el("p", { class: "empty" }, "This page is still to be built."));
  return { dispose: () => undefined };
}
