// The secret lives in sessionStorage only (gone with the tab) and travels in a header, never in a URL: an API key as
// X-Api-Key, a token from the identity provider as Authorization: Bearer.

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

/** A JSON Web Token (three base64url parts) is a bearer token; anything else is an API key. */
export function isBearerToken(secret: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(secret);
}

/** Who the stored token names (its preferred_username or sub), read from its payload; null for an API key. */
export function tokenUser(secret: string | null = storedKey()): string | null {
  if (!secret || !isBearerToken(secret)) {
    return null;
  }
  try {
    const part = secret.split(".")[1] ?? "";
    const json = atob(part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "="));
    const claims = JSON.parse(json) as Record<string, unknown>;
    const name = claims["preferred_username"] ?? claims["sub"];
    return typeof name === "string" ? name : null;
  } catch {
    return null;
  }
}

/** A refusal or failure, with a sentence a person can act on. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Each problem a 400 named (a batch's or a policy's, by its place), when it named them. */
    readonly problems: readonly string[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface Problem {
  readonly title?: unknown;
  readonly detail?: unknown;
  readonly errors?: unknown;
}

export function describe(status: number, problem: Problem | undefined): string {
  const title = typeof problem?.title === "string" ? problem.title : undefined;
  const detail = typeof problem?.detail === "string" ? problem.detail : undefined;
  switch (status) {
    case 401:
      return "That key was not accepted. Check it and sign in again.";
    case 403:
      return "This key may not do that: it needs an analyst's key, or an admin's for the admin pages.";
    case 404:
      return detail ?? "Nothing was found there: it may have been merged, or the link is wrong.";
    case 412:
      return "Someone changed this while you were looking at it. It has been read again: check, then try again.";
    case 429:
      return "Too many requests for this key just now. Wait a moment and try again.";
    default:
      if (status >= 500) {
        return "The service could not answer just now. Try again in a moment.";
      }
      return detail ?? title ?? `The request failed (HTTP ${String(status)}).`;
  }
}

function problemsOf(problem: Problem | undefined): string[] {
  const errors = problem?.errors;
  if (Array.isArray(errors)) {
    return errors.filter((m): m is string => typeof m === "string");
  }
  if (errors && typeof errors === "object") {
    return Object.entries(errors as Record<string, unknown>).flatMap(([field, messages]) =>
      Array.isArray(messages) ? messages.filter((m): m is string => typeof m === "string").map((m) => `${field}: ${m}`) : []);
  }
  return [];
}

export async function apiFetch(path: string, init: RequestInit = {}, key = storedKey()): Promise<Response> {
  const headers = new Headers(init.headers);
  if (key) {
    if (isBearerToken(key)) {
      headers.set("Authorization", `Bearer ${key}`);
    } else {
      headers.set("X-Api-Key", key);
    }
  }
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, cache: "no-store", credentials: "omit" });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") {
      throw error;
    }
    throw new ApiError(0, "The service cannot be reached. Check the connection and try again.");
  }
  if (!response.ok) {
    let problem: Problem | undefined;
    try {
      problem = (await response.json()) as Problem;
    } catch {
      problem = undefined;
    }
    throw new ApiError(response.status, describe(response.status, problem), problemsOf(problem));
  }
  return response;
}

export async function getJson<T>(path: string, key?: string): Promise<T> {
  const response = await apiFetch(path, { headers: { Accept: "application/json" } }, key ?? storedKey());
  return (await response.json()) as T;
}

/** A resource that may not exist: null for a 404, any other failure thrown as by getJson. */
export async function getJsonOrNull<T>(path: string): Promise<T | null> {
  try {
    return await getJson<T>(path);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return null;
    }
    throw error;
  }
}

/** A resource with its version (ETag), for a change sent back with If-Match. */
export interface Tagged<T> {
  readonly data: T;
  readonly etag: string | null;
}

export async function getTagged<T>(path: string): Promise<Tagged<T>> {
  const response = await apiFetch(path, { headers: { Accept: "application/json" } });
  return { data: (await response.json()) as T, etag: response.headers.get("ETag") };
}

/** Sends a JSON body (POST, PUT, DELETE); the answer's JSON, or null when it has none. */
export async function sendJson<T>(method: string, path: string, body?: unknown, ifMatch?: string | null): Promise<Tagged<T | null>> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  if (ifMatch) {
    headers["If-Match"] = ifMatch;
  }
  const init: RequestInit = { method, headers };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
  }
  const response = await apiFetch(path, init);
  const text = await response.text();
  return { data: text ? (JSON.parse(text) as T) : null, etag: response.headers.get("ETag") };
}

/** A path segment from text that may hold anything: host and user names come from alerts. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
