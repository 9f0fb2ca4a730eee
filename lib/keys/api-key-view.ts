import type { Scope } from "@/lib/catalog/scopes";
import { fromJson } from "@/lib/db/json";
import type { ApiKeysTable, Environment } from "@/lib/db/schema";

export type ApiKeyStatus = "active" | "expiring" | "expired" | "revoked";

/** How a key is shown anywhere (API, portal, CLI): never the secret, never the hash. */
export interface ApiKeyView {
  id: string;
  object: "api_key";
  name: string;
  environment: Environment;
  prefix: string;
  last4: string;
  redacted: string;
  scopes: Scope[];
  status: ApiKeyStatus;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  rotated_from_id: string | null;
}

export function statusOfKey(
  row: Pick<ApiKeysTable, "expires_at" | "revoked_at">,
  now: Date,
): ApiKeyStatus {
  if (row.revoked_at) return "revoked";
  if (row.expires_at) {
    if (row.expires_at <= now.toISOString()) return "expired";
    return "expiring";
  }
  return "active";
}

export function toApiKeyView(row: ApiKeysTable, now: Date): ApiKeyView {
  return {
    id: row.id,
    object: "api_key",
    name: row.name,
    environment: row.environment,
    prefix: row.prefix,
    last4: row.last4,
    redacted: `${row.prefix}...${row.last4}`,
    scopes: fromJson<Scope[]>(row.scopes, []),
    status: statusOfKey(row, now),
    created_at: row.created_at,
    expires_at: row.expires_at,
    revoked_at: row.revoked_at,
    last_used_at: row.last_used_at,
    rotated_from_id: row.rotated_from_id,
  };
}
