import type { MiddlewareHandler } from "hono";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { findKeyByHash, isKeyUsable } from "@/lib/keys/find-key-by-secret";
import { hashKeySecret, parseKeySecret } from "@/lib/keys/secret";
import type { ApiEnv } from "../env";

const unauthorized = (detail: string) => new AppError("unauthorized", detail);

/** Bearer API keys: format and checksum first (no lookup for garbage), then the store. */
export function authenticate(db: Kysely<Database>, now: () => Date): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization");
    if (!header) throw unauthorized("Missing API key: send Authorization: Bearer <key>");
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) throw unauthorized("Malformed Authorization header: expected Bearer <key>");
    const parsed = parseKeySecret(match[1]);
    if (!parsed) throw unauthorized("Invalid API key");
    const key = await findKeyByHash(db, hashKeySecret(parsed.secret));
    if (!key || !isKeyUsable(key, now().toISOString())) throw unauthorized("Invalid API key");
    if (c.get("sandboxSurface") && key.environment !== "test") {
      throw unauthorized("The sandbox accepts sk_test_ keys only");
    }
    c.set("principal", {
      kind: "api_key",
      organizationId: key.organizationId,
      projectId: key.projectId,
      environment: key.environment,
      plan: key.plan,
      scopes: key.scopes,
      keyId: key.id,
      userId: null,
      role: null,
    });
    await next();
  };
}
