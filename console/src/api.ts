// The key lives in sessionStorage only (gone with the tab) and travels as X-Api-Key, never in a URL.

const KeyName = "incidents.apiKey";

export function storedKey(): string | null {
  return sessionStorage.getItem(KeyName);
}

export function storeKey(key: string): void {
  sessionStorage.setItem(KeyName, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KeyName);
}

/** A refusal or failure, with a sentence a person can act on. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function describe(status: number, title: string | undefined): string {
  switch (status) {
    case 401:
      return "That key was not accepted. Check it and sign in again.";
    case 403:
      return "This key may not do that: the queue needs an analyst's key.";
    case 429:
      return "Too many requests for this key just now. Wait a moment and try again.";
    default:
      if (status >= 500) {
        return "The service could not answer just now. Try again in a moment.";
      }
      return title ?? `The request failed (HTTP ${String(status)}).`;
  }
}

export async function apiFetch(path: string, init: RequestInit = {}, key = storedKey()): Promise<Response> {
  const headers = new Headers(init.headers);
  if (key) {
    headers.set("X-Api-Key", key);
  }
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, cache: "no-store", credentials: "omit" });
  } catch {
    throw new ApiError(0, "The service cannot be reached. Check the connection and try again.");
  }
  if (!response.ok) {
    let title: string | undefined;
    try {
      const problem = (await response.json()) as { title?: unknown };
      title = typeof problem.title === "string" ? problem.title : undefined;
    } catch {
      title = undefined;
    }
    throw new ApiError(response.status, describe(response.status, title));
  }
  return response;
}

export async function getJson<T>(path: string, key?: string): Promise<T> {
  const response = await apiFetch(path, { headers: { Accept: "application/json" } }, key ?? storedKey());
  return (await response.json()) as T;
}
