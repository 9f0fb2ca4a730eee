import { hkdfSync } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { isRole } from "@/lib/catalog/roles";
import type { Environment, Role } from "@/lib/db/schema";

// No "server-only" marker: the API (bundled into server.ts, outside React) verifies these too.

/** Who the portal's proxy acts for; the API turns this into a "portal" principal. */
export interface PortalTokenClaims {
  userId: string;
  organizationId: string;
  projectId: string;
  environment: Environment;
  role: Role;
}

export const PORTAL_TOKEN_ISSUER = "cloud-api-platform/portal";
export const PORTAL_TOKEN_AUDIENCE = "cloud-api-platform/api";
export const PORTAL_TOKEN_TTL_SECONDS = 120;
const CLOCK_TOLERANCE_SECONDS = 5;

const derivedKeys = new Map<string, Uint8Array>();

/**
 * The signing key: HKDF-SHA-256 of the session secret with the purpose "portal-token", so a
 * portal token and a next-auth session can never be swapped for one another.
 */
export function portalTokenKey(sessionSecret: string): Uint8Array {
  let key = derivedKeys.get(sessionSecret);
  if (!key) {
    key = new Uint8Array(
      hkdfSync("sha256", sessionSecret, "cloud-api-platform", "portal-token", 32),
    );
    derivedKeys.set(sessionSecret, key);
  }
  return key;
}

/** A 2-minute HS256 token for one proxied call; `sessionSecret` is runtime.sessionSecret. */
export async function signPortalToken(
  claims: PortalTokenClaims,
  sessionSecret: string,
  now: Date = new Date(),
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({
    org: claims.organizationId,
    prj: claims.projectId,
    env: claims.environment,
    role: claims.role,
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.userId)
    .setIssuer(PORTAL_TOKEN_ISSUER)
    .setAudience(PORTAL_TOKEN_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + PORTAL_TOKEN_TTL_SECONDS)
    .sign(portalTokenKey(sessionSecret));
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The claims of a valid, unexpired token; null for anything else (never throws). */
export async function verifyPortalToken(
  token: string,
  sessionSecret: string,
  now: Date = new Date(),
): Promise<PortalTokenClaims | null> {
  if (token.length > 2048 || !JWT_SHAPE.test(token)) return null;
  try {
    const { payload } = await jwtVerify(token, portalTokenKey(sessionSecret), {
      algorithms: ["HS256"],
      issuer: PORTAL_TOKEN_ISSUER,
      audience: PORTAL_TOKEN_AUDIENCE,
      requiredClaims: ["sub", "iat", "exp"],
      maxTokenAge: PORTAL_TOKEN_TTL_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: now,
    });
    const { sub, org, prj, env, role } = payload;
    if (
      typeof sub !== "string" ||
      typeof org !== "string" ||
      typeof prj !== "string" ||
      (env !== "live" && env !== "test") ||
      typeof role !== "string" ||
      !isRole(role)
    ) {
      return null;
    }
    return { userId: sub, organizationId: org, projectId: prj, environment: env, role };
  } catch {
    return null;
  }
}
