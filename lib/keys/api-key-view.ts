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

/** What stands in for the last four characters of a key the viewer may not manage. */
export const HIDDEN_LAST4 = "****";

/** The scopes of `row` that `held` lacks: a key may be managed only by one that covers it. */
export function scopesNotHeld(
  row: Pick<ApiKeysTable, "scopes">,
  held: ReadonlySet<Scope>,
): Scope[] {
  return fromJson<Scope[]>(row.scopes, []).filter((scope) => !held.has(scope));
}

/**
 * The key as `viewer` may see it: a key with scopes the viewer does not hold is shown without its
 * last four characters (its secret's only visible part), as it can be neither rotated nor
 * revoked by this viewer. Without a viewer (the key's own creation), the whole view.
 */
export function toApiKeyView(
  row: ApiKeysTable,
  now: Date,
  viewer?: { scopes: ReadonlySet<Scope> },
): ApiKeyView {
  const last4 = viewer && scopesNotHeld(row, viewer.scopes).length > 0 ? HIDDEN_LAST4 : row.last4;
  return {
    id: row.id,
    object: "api_key",
    name: row.name,
    environment: row.environment,
    prefix: row.prefix,
    last4,
    redacted: `${row.prefix}...${last4}`,
    scopes: fromJson<Scope[]>(row.scopes, []),
    status: statusOfKey(row, now),
    created_at: row.created_at,
    expires_at: row.expires_at,
    revoked_at: row.revoked_at,
    last_used_at: row.last_used_at,
    rotated_from_id: row.rotated_from_id,
  };
}
