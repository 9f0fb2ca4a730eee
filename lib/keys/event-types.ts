import type { EventTypeInfo } from "@/lib/events/event-type-registry";

/** Key events carry the key as shown anywhere: never its secret. */
const key = (status: string, extra: Record<string, unknown> = {}) => ({
  id: "key_5XqT8mR2vN9pL4wZ",
  object: "api_key",
  name: "ci-deploy",
  environment: "live",
  prefix: "sk_live",
  last4: "4wZq",
  redacted: "sk_live_...4wZq",
  scopes: ["resources:read", "resources:write"],
  status,
  created_at: "2026-12-01T09:30:00.000Z",
  expires_at: null,
  revoked_at: null,
  last_used_at: null,
  rotated_from_id: null,
  ...extra,
});

export const KEY_EVENT_TYPES: readonly EventTypeInfo[] = [
  { type: "api_key.created", description: "An API key was created", example: key("active") },
  {
    type: "api_key.revoked",
    description: "An API key was revoked; requests with it now fail",
    example: key("revoked", { revoked_at: "2026-12-01T10:00:00.000Z" }),
  },
  {
    type: "api_key.rotated",
    description: "An API key was replaced by a new one; the old one expires after its grace period",
    example: key("active", { rotated_from_id: "key_3LmQ8vRbTn49WpXc" }),
  },
];
