/*
 * The three calls the portal makes to next-auth's documented REST endpoints (/api/auth/csrf,
 * /callback/:provider, /signin/:provider, /signout), without next-auth/react's ~10 kB client.
 */

async function csrfToken(): Promise<string> {
  const response = await fetch("/api/auth/csrf", { cache: "no-store" });
  if (!response.ok) throw new Error(`csrf ${response.status}`);
  const body = (await response.json()) as { csrfToken?: unknown };
  if (typeof body.csrfToken !== "string") throw new Error("csrf token missing");
  return body.csrfToken;
}

async function post(
  path: string,
  fields: Record<string, string>,
): Promise<{
  response: Response;
  url: string | null;
}> {
  const body = new URLSearchParams({ ...fields, csrfToken: await csrfToken(), json: "true" });
  const response = await fetch(`/api/auth/${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
  const data = (await response.json().catch(() => ({}))) as { url?: unknown };
  return { response, url: typeof data.url === "string" ? data.url : null };
}

export type SignInResult = { ok: true } | { ok: false; error: string };

/**
 * Email + password. On success the session cookie is set and the caller navigates; on failure
 * `error` is next-auth's code: "CredentialsSignin" (wrong email or password), "Throttled", ...
 */
export async function signInWithCredentials(input: {
  email: string;
  password: string;
  callbackUrl: string;
}): Promise<SignInResult> {
  const { response, url } = await post("callback/credentials", input);
  const error = url ? new URL(url, window.location.href).searchParams.get("error") : null;
  if (error) return { ok: false, error };
  if (!response.ok) return { ok: false, error: "default" };
  return { ok: true };
}

/** Starts an OAuth sign-in (GitHub): the browser leaves for the provider. */
export async function signInWithProvider(provider: string, callbackUrl: string): Promise<void> {
  const { url } = await post(`signin/${provider}`, { callbackUrl });
  window.location.href = url ?? `/login?error=OAuthSignin`;
}

/** Ends the session and loads `callbackUrl` afresh (no cached data of this user survives). */
export async function signOut(callbackUrl = "/login"): Promise<void> {
  await post("signout", { callbackUrl });
  window.location.href = callbackUrl;
}
