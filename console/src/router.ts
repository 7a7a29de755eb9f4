// The console's pages by path, followed with the History API: a link or Back changes the page without a reload, and
// a reload or a shared link is answered by the server with the same index.html (ConsolePages.cs).
import { ApiError } from "./api";
import { clear, failure } from "./dom";
import type { FeedEvent } from "./feed";

/** A page on screen: told of the feed's events while it is shown, disposed when left. */
export interface View {
  dispose(): void;
  feed?(event: FeedEvent): void;
}

/** What a page may ask of the console around it. */
export interface Context {
  /** Where the page draws itself. */
  readonly main: HTMLElement;
  navigate(path: string): void;
  /** Shows what went wrong in words; a refused key signs out. */
  fail(error: unknown, what: string): void;
}

export interface Route {
  readonly pattern: RegExp;
  /** The page's name in the tab's title and the navigation. */
  readonly name: string;
  readonly nav?: string;
  open(context: Context, params: readonly string[]): View;
}

export class Router {
  private current: View | null = null;
  private readonly onClick = (e: MouseEvent): void => this.click(e);
  private readonly onPop = (): void => this.show();

  constructor(
    private readonly routes: readonly Route[],
    private readonly main: HTMLElement,
    private readonly nav: HTMLElement,
    private readonly signOut: (message?: string) => void,
  ) {}

  start(): void {
    document.addEventListener("click", this.onClick);
    window.addEventListener("popstate", this.onPop);
    this.show();
  }

  stop(): void {
    document.removeEventListener("click", this.onClick);
    window.removeEventListener("popstate", this.onPop);
    this.leave();
  }

  feed(event: FeedEvent): void {
    this.current?.feed?.(event);
  }

  navigate(path: string): void {
    if (path !== location.pathname + location.search) {
      history.pushState(null, "", path);
    }
    this.show();
    window.scrollTo(0, 0);
  }

  private leave(): void {
    this.current?.dispose();
    this.current = null;
  }

  private show(): void {
    this.leave();
    const path = location.pathname;
    const context: Context = {
      main: this.main,
      navigate: (to) => this.navigate(to),
      fail: (error, what) => this.fail(error, what),
    };
    for (const route of this.routes) {
      const match = route.pattern.exec(path);
      if (!match) {
        continue;
      }
      document.title = `${route.name} · Incidents`;
      for (const item of Array.from(this.nav.querySelectorAll("a"))) {
        if (item.dataset["nav"] === route.nav) {
          item.setAttribute("aria-current", "page");
        } else {
          item.removeAttribute("aria-current");
        }
      }
      clear(this.main);
      const params = match.slice(1).map((p) => {
        try {
          return decodeURIComponent(p);
        } catch {
          return p;
        }
      });
      this.current = route.open(context, params);
      return;
    }
    document.title = "Not found · Incidents";
    clear(this.main);
    this.main.append(failure("The console has no page at this address."));
  }

  private fail(error: unknown, what: string): void {
    if (error instanceof ApiError && error.status === 401) {
      this.signOut(error.message);
      return;
    }
    if (error instanceof DOMException && error.name === "AbortError") {
      return;
    }
    const message = error instanceof ApiError ? error.message : `${what} could not be shown. Try again in a moment.`;
    this.main.prepend(failure(`${what}: ${message}`));
  }

  private click(e: MouseEvent): void {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) {
      return;
    }
    const anchor = (e.target as Element | null)?.closest("a");
    if (!anchor || anchor.target || anchor.hasAttribute("download") || anchor.origin !== location.origin) {
      return;
    }
    const path = anchor.pathname;
    if (path.startsWith("/api/") || path.startsWith("/health") || path.startsWith("/dashboard")) {
      return;
    }
    e.preventDefault();
    this.navigate(path + anchor.search);
  }
}
