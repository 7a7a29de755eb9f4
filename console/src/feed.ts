// The live feed read with fetch and a stream reader, not EventSource: EventSource cannot send the key header.
import { apiFetch, ApiError } from "./api";

export interface FeedEvent {
  readonly type: string;
  readonly data: string;
  readonly id: string | null;
}

export interface FeedHandlers {
  onEvent(event: FeedEvent): void;
  onState(state: "connecting" | "live" | "retrying", detail?: string): void;
  onRefused(error: ApiError): void;
}

const FeedPath = "/api/v1/incidents/feed";
const MaxRetryMs = 15_000;

/** Splits a server-sent event stream into events (the WHATWG rules for lines, fields and blank-line dispatch). */
export class SseParser {
  private buffer = "";
  private type = "";
  private data: string[] = [];
  private id: string | null = null;

  push(text: string, emit: (event: FeedEvent) => void): void {
    this.buffer += text;
    let end: number;
    while ((end = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, end);
      const breakLength = this.buffer.startsWith("\r\n", end) ? 2 : 1;
      this.buffer = this.buffer.slice(end + breakLength);
      this.line(line, emit);
    }
  }

  private line(line: string, emit: (event: FeedEvent) => void): void {
    if (line === "") {
      if (this.data.length > 0) {
        emit({ type: this.type || "message", data: this.data.join("\n"), id: this.id });
      }
      this.type = "";
      this.data = [];
      return;
    }
    if (line.startsWith(":")) {
      return;
    }
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) {
      value = value.slice(1);
    }
    if (field === "event") {
      this.type = value;
    } else if (field === "data") {
      this.data.push(value);
    } else if (field === "id" && !value.includes("\0")) {
      this.id = value;
    }
  }
}

/** Reads the feed until stopped, resuming from the last id after a break. Returns the stop function. */
export function follow(handlers: FeedHandlers): () => void {
  const stop = new AbortController();
  let lastId: string | null = null;

  const run = async (): Promise<void> => {
    let failures = 0;
    while (!stop.signal.aborted) {
      handlers.onState("connecting");
      try {
        const headers: Record<string, string> = { Accept: "text/event-stream" };
        if (lastId) {
          headers["Last-Event-ID"] = lastId;
        }
        const response = await apiFetch(FeedPath, { headers, signal: stop.signal });
        const body = response.body;
        if (!body) {
          throw new ApiError(0, "The browser gave no stream for the live feed.");
        }
        const reader = body.pipeThrough(new TextDecoderStream()).getReader();
        const parser = new SseParser();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) {
            break;
          }
          parser.push(value, (event) => {
            if (event.id) {
              lastId = event.id;
            }
            if (event.type === "ready") {
              failures = 0;
              handlers.onState("live");
            }
            handlers.onEvent(event);
          });
        }
      } catch (error) {
        if (stop.signal.aborted) {
          return;
        }
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
          handlers.onRefused(error);
          return;
        }
        if (error instanceof ApiError && error.status === 400) {
          lastId = null; // a position this feed no longer knows: start afresh (the queue is read again on 'ready')
        }
      }
      if (stop.signal.aborted) {
        return;
      }
      failures++;
      const wait = Math.min(MaxRetryMs, 500 * 2 ** Math.min(failures, 5));
      handlers.onState("retrying", `Live updates paused; reconnecting in ${String(Math.round(wait / 1000))} s.`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        stop.signal.addEventListener("abort", () => { clearTimeout(timer); resolve(); }, { once: true });
      });
    }
  };

  void run();
  return () => stop.abort();
}
