// Signing in through the organisation's identity provider: OAuth 2.0 authorization code with PKCE for a public client
// (RFC 7636; no client secret in a page). The verifier and state live in sessionStorage across the one redirect; the
// token the provider returns is kept as a key is (sessionStorage, sent in a header), and the code never stays in the address.

export interface Provider {
  readonly authority: string;
  readonly clientId: string;
  readonly scope: string;
}

interface Pending {
  readonly state: string;
  readonly verifier: string;
  readonly returnTo: string;
  readonly tokenEndpoint: string;
}

const PendingName = "incidents.signIn";
export const ReturnPath = "/signed-in";

/** The provider the API names for the console, or null when it offers keys and pasted tokens only. */
export async function providerOf(): Promise<Provider | null> {
  try {
    const response = await fetch("/api/v1/console/sign-in", { cache: "no-store", credentials: "omit" });
    if (!response.ok) return null;
    const answer = (await response.json()) as Partial<Provider> | null;
    return answer?.authority && answer.clientId ? { authority: answer.authority, clientId: answer.clientId, scope: answer.scope ?? "openid" } : null;
  } catch {
    return null;
  }
}

function base64Url(bytes: Uint8Array): string {
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function random(bytes: number): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

async function discover(authority: string): Promise<{ authorization_endpoint: string; token_endpoint: string }> {
  const response = await fetch(`${authority}/.well-known/openid-configuration`, { credentials: "omit" });
  if (!response.ok) throw new Error(`The identity provider's configuration could not be read (HTTP ${String(response.status)}).`);
  const found = (await response.json()) as { authorization_endpoint?: unknown; token_endpoint?: unknown };
  if (typeof found.authorization_endpoint !== "string" || typeof found.token_endpoint !== "string") {
    throw new Error("The identity provider's configuration names no authorization or token endpoint.");
  }
  return { authorization_endpoint: found.authorization_endpoint, token_endpoint: found.token_endpoint };
}

/** Sends the browser to the provider; it comes back to /signed-in with a code. */
export async function beginSignIn(provider: Provider, returnTo: string): Promise<void> {
  const endpoints = await discover(provider.authority);
  const verifier = random(32);
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
  const pending: Pending = { state: random(16), verifier, returnTo, tokenEndpoint: endpoints.token_endpoint };
  sessionStorage.setItem(PendingName, JSON.stringify(pending));
  const url = new URL(endpoints.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: provider.clientId,
    redirect_uri: location.origin + ReturnPath,
    scope: provider.scope,
    state: pending.state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  }).toString();
  location.assign(url.toString());
}

/** On /signed-in: trades the code for a token. Returns the token and where to go, or throws with words for a person. */
export async function completeSignIn(provider: Provider): Promise<{ token: string; returnTo: string }> {
  const query = new URLSearchParams(location.search);
  const pendingText = sessionStorage.getItem(PendingName);
  sessionStorage.removeItem(PendingName);
  history.replaceState(null, "", ReturnPath); // the code is single-use, and not for the address bar or history
  const error = query.get("error");
  if (error) {
    throw new Error(`The identity provider did not sign you in: ${query.get("error_description") ?? error}.`);
  }
  const pending = pendingText ? (JSON.parse(pendingText) as Pending) : null;
  const code = query.get("code");
  if (!pending || !code || query.get("state") !== pending.state) {
    // A state that is not ours: this tab did not start this sign-in (a forged or replayed link).
    throw new Error("This sign-in was not started from this tab. Sign in again.");
  }
  const response = await fetch(pending.tokenEndpoint, {
    method: "POST",
    credentials: "omit",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: location.origin + ReturnPath,
      client_id: provider.clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) {
    throw new Error(`The identity provider refused the sign-in (HTTP ${String(response.status)}). Sign in again.`);
  }
  const tokens = (await response.json()) as { access_token?: unknown };
  if (typeof tokens.access_token !== "string") {
    throw new Error("The identity provider returned no access token.");
  }
  return { token: tokens.access_token, returnTo: pending.returnTo.startsWith("/") && !pending.returnTo.startsWith("//") ? pending.returnTo : "/" };
}
