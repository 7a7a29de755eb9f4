// Every element is made here with textContent: alert titles and host names are attacker-controlled text, never markup.

type Child = Node | string | null | undefined;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) {
      continue;
    }
    element.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return element;
}

export function byId<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) {
    throw new Error(`The page has no #${id}`);
  }
  return found as T;
}

export function clear(element: Element): void {
  element.replaceChildren();
}

const SvgNs = "http://www.w3.org/2000/svg";

/** An SVG element; as with el, text only ever goes in as text. */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number> = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SvgNs, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) {
      continue;
    }
    element.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return element;
}

/** A link to one of the console's own pages: the router follows it without a reload. */
export function link(href: string, text: string, attributes: Record<string, string> = {}): HTMLAnchorElement {
  return el("a", { ...attributes, href }, text);
}

/** A message a person can act on, in place of what could not be shown. */
export function failure(message: string): HTMLParagraphElement {
  return el("p", { class: "error", role: "alert" }, message);
}

/** A table with a caption (its accessible name), or an empty-state line when there are no rows. */
export function table(caption: string, columns: readonly string[], rows: readonly Child[][], empty: string, id?: string): HTMLElement {
  if (rows.length === 0) {
    return el("p", { class: "empty small", ...(id ? { id } : {}) }, empty);
  }
  return el("div", { class: "table-wrap" },
    el("table", { class: "grid", ...(id ? { id } : {}) },
      el("caption", {}, caption),
      el("thead", {}, el("tr", {}, ...columns.map((c) => el("th", { scope: "col" }, c)))),
      el("tbody", {}, ...rows.map((cells) => el("tr", {}, ...cells.map((c) => el("td", {}, c)))))));
}

/** Facts as a description list: a term and its value, "—" when there is none. */
export function facts(pairs: readonly [string, Child][]): HTMLDListElement {
  return el("dl", { class: "facts" }, ...pairs.flatMap(([term, value]) => [el("dt", {}, term), el("dd", {}, value ?? "—")]));
}

/** A section of a page with its heading. */
export function section(title: string, id: string, ...children: Child[]): HTMLElement {
  return el("section", { class: "panel", "aria-labelledby": `${id}-heading`, id }, el("h2", { id: `${id}-heading` }, title), ...children);
}

/** A labelled field of a form: its label names it, a hint below says what it takes. */
export function field(id: string, label: string, input: HTMLElement, hint?: string): HTMLElement {
  if (hint) {
    input.setAttribute("aria-describedby", `${id}-hint`);
  }
  return el("div", { class: "field" },
    el("label", { for: id }, label),
    input,
    hint ? el("span", { class: "hint", id: `${id}-hint` }, hint) : null);
}

export function textInput(id: string, attributes: Record<string, string> = {}): HTMLInputElement {
  return el("input", { id, name: id, type: "text", autocomplete: "off", spellcheck: "false", ...attributes });
}
