import { z } from "zod";
import { SCOPES } from "@/lib/catalog/scopes";
import { isoTimestamp } from "./common";
import { pageSchema, paginationQueryShape } from "./pagination";

export const API_KEY_STATUSES = ["active", "expiring", "expired", "revoked"] as const;
export const ROTATION_EXPIRIES = ["now", "1h", "24h", "7d"] as const;
export type RotationExpiry = (typeof ROTATION_EXPIRIES)[number];
/** How long the old secret of a rotation (an API key's, a webhook endpoint's) keeps working. */
export const ROTATION_GRACE_MS: Record<RotationExpiry, number> = {
  now: 0,
  "1h": 3_600_000,
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
};

export const scopeSchema = z.enum(SCOPES).meta({ id: "Scope", example: "resources:read" });

export const apiKeySchema = z
  .object({
    id: z.string().meta({ example: "key_5XqT8mR2vN9pL4wZ" }),
    object: z.literal("api_key"),
    name: z.string().meta({ example: "CI pipeline" }),
    environment: z.enum(["live", "test"]),
    prefix: z.string().meta({ example: "sk_live_" }),
    last4: z.string().meta({
      description:
        "The secret's last four characters; **** on a key with scopes the caller does not hold",
      example: "x7Qa",
    }),
    redacted: z.string().meta({ example: "sk_live_...x7Qa" }),
    scopes: z.array(scopeSchema),
    status: z.enum(API_KEY_STATUSES).meta({
      description:
        "active: no expiry; expiring: works until expires_at (e.g. after a rotation); expired; revoked",
    }),
    created_at: isoTimestamp,
    expires_at: isoTimestamp.nullable(),
    revoked_at: isoTimestamp.nullable(),
    last_used_at: isoTimestamp.nullable().meta({ description: "May lag by up to a minute" }),
    rotated_from_id: z
      .string()
      .nullable()
      .meta({ description: "The key this one replaced by rotation" }),
  })
  .meta({ id: "ApiKey", description: "An API key; the secret is never shown again" });

export const createdApiKeySchema = apiKeySchema
  .extend({
    secret: z.string().meta({
      description: "The key itself. Shown only in this answer: store it now.",
      example: "sk_live_4eC39HqLyjWDarjtT1zdp7dcQ2mV7cT1",
    }),
  })
  .meta({ id: "ApiKeyWithSecret" });

export const apiKeyListSchema = pageSchema(apiKeySchema, "ApiKeyList");

export const apiKeyListQuerySchema = z.object({
  ...paginationQueryShape,
  status: z.enum(API_KEY_STATUSES).optional().meta({ description: "Only keys in this status" }),
});

export const apiKeyIdParamSchema = z.object({
  id: z.string().meta({ param: { name: "id", in: "path" }, example: "key_5XqT8mR2vN9pL4wZ" }),
});

export const createApiKeyBodySchema = z
  .object({
    name: z.string().trim().min(1).max(100).meta({ example: "CI pipeline" }),
    scopes: z
      .array(scopeSchema)
      .min(1)
      .max(SCOPES.length)
      .optional()
      .meta({
        description:
          "Defaults to every scope the caller holds; asking for a scope the caller lacks is 403",
        example: ["resources:read", "resources:write"],
      }),
    expires_at: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ description: "When the key stops working (ISO 8601, in the future)" }),
    expires_in_days: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .optional()
      .meta({ description: "Alternative to expires_at", example: 90 }),
  })
  .refine((body) => body.expires_at === undefined || body.expires_in_days === undefined, {
    message: "give expires_at or expires_in_days, not both",
    path: ["expires_in_days"],
  })
  .meta({ id: "CreateApiKey" });

export const rotateApiKeyBodySchema = z
  .object({
    expires_in: z.enum(ROTATION_EXPIRIES).default("now").meta({
      description:
        "How long the old secret keeps working: now (default), 1h, 24h or 7d; then it answers 401",
    }),
  })
  .meta({ id: "RotateApiKey" });

export type ApiKeyDto = z.infer<typeof apiKeySchema>;
export type CreateApiKeyBody = z.infer<typeof createApiKeyBodySchema>;
