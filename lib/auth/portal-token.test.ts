import { describe, expect, it } from "vitest";
import {
  PORTAL_TOKEN_TTL_SECONDS,
  type PortalTokenClaims,
  portalTokenKey,
  signPortalToken,
  verifyPortalToken,
} from "./portal-token";

const SECRET = "session-secret-session-secret-000001";
const claims: PortalTokenClaims = {
  userId: "usr_0123456789abcdef",
  organizationId: "org_0123456789abcdef",
  projectId: "prj_0123456789abcdef",
  environment: "test",
  role: "developer",
};

describe("portal tokens", () => {
  it("round-trips the claims", async () => {
    const now = new Date("2026-05-01T12:00:00Z");
    const token = await signPortalToken(claims, SECRET, now);
    expect(await verifyPortalToken(token, SECRET, now)).toEqual(claims);
    const header = JSON.parse(Buffer.from(token.split(".")[0] as string, "base64url").toString());
    expect(header.alg).toBe("HS256");
  });

  it("expires after two minutes", async () => {
    const now = new Date("2026-05-01T12:00:00Z");
    const token = await signPortalToken(claims, SECRET, now);
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    expect(PORTAL_TOKEN_TTL_SECONDS).toBe(120);
    expect(await verifyPortalToken(token, SECRET, at(119))).not.toBeNull();
    expect(await verifyPortalToken(token, SECRET, at(126))).toBeNull();
  });

  it("signs with a key derived from the session secret, never the secret itself", () => {
    const key = portalTokenKey(SECRET);
    expect(key).toHaveLength(32);
    expect(Buffer.from(key).toString()).not.toContain(SECRET);
    expect(Buffer.from(key).equals(Buffer.from(SECRET))).toBe(false);
    expect(Buffer.from(portalTokenKey(`${SECRET}x`)).equals(Buffer.from(key))).toBe(false);
  });

  it("refuses another secret, garbage and oversized input without throwing", async () => {
    const token = await signPortalToken(claims, SECRET);
    expect(await verifyPortalToken(token, `${SECRET}x`)).toBeNull();
    for (const bad of [
      "",
      "a.b",
      "a.b.c",
      `${token}x`,
      "x".repeat(5000),
      token.replace(/\./, ""),
    ]) {
      expect(await verifyPortalToken(bad, SECRET)).toBeNull();
    }
  });
});
