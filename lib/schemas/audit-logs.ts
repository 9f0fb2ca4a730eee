import { z } from "zod";
import {
  AUDIT_ACTION_LIST_PATTERN,
  AUDIT_ACTOR_ID_PATTERN,
  MAX_AUDIT_ACTION_LIST_LENGTH,
} from "@/lib/catalog/audit";
import { isoTimestamp } from "./common";
import { OBJECT_ID_PATTERN } from "./events";
import { pageSchema, paginationQueryShape } from "./pagination";

const fields = z.record(z.string(), z.unknown());

export const auditLogSchema = z
  .object({
    id: z.string().meta({ example: "aud_7Qm2Xc9LpT4vWb8N" }),
    object: z.literal("audit_log"),
    occurred_at: isoTimestamp,
    action: z.string().meta({ example: "member.role_changed" }),
    outcome: z.enum(["success", "denied"]).meta({
      description: "denied: a refused attempt at a sensitive action (nothing changed)",
    }),
    actor: z
      .object({
        type: z.enum(["user", "api_key", "system"]),
        id: z.string().nullable().meta({ example: "usr_8HcT2mQ4vN9pL1wA" }),
        display: z
          .string()
          .nullable()
          .meta({ description: "A member's e-mail, a key's redacted form, an operator's name" }),
      })
      .meta({ description: "Who acted" }),
    targets: z
      .array(
        z.object({
          type: z.string().meta({ example: "member" }),
          id: z.string().meta({ example: "mem_5XqT8mR2vN9pL4wZ" }),
          name: z.string().nullable().meta({ example: "ada@example.com" }),
        }),
      )
      .meta({ description: "What the action was about; the first is the main one" }),
    context: z
      .object({
        ip: z.string().nullable().meta({ example: "203.0.113.7" }),
        user_agent: z.string().nullable().meta({ example: "curl/8.5.0" }),
        request_id: z
          .string()
          .nullable()
          .meta({ description: "The API request that caused it; null for jobs" }),
        source: z.enum(["api", "portal", "cli", "job"]),
      })
      .meta({ description: "Where the action came from" }),
    changes: z
      .object({
        before: fields.nullable().meta({ description: "null: it did not exist" }),
        after: fields.nullable().meta({ description: "null: it is gone" }),
      })
      .meta({ description: "The object's fields before and after; never a secret" }),
    details: fields.meta({ description: "Further facts (a refusal's reason, a count)" }),
    project_id: z
      .string()
      .nullable()
      .meta({ description: "null for what concerns the whole organization (members, plan)" }),
    environment: z.enum(["live", "test"]).nullable(),
  })
  .meta({ id: "AuditLog", description: "One entry of the organization's audit log" });

export type AuditLogDto = z.infer<typeof auditLogSchema>;

export const auditLogListSchema = pageSchema(auditLogSchema, "AuditLogList");
export type AuditLogListDto = z.infer<typeof auditLogListSchema>;

const bound = (name: string, what: string) =>
  z.iso
    .datetime({ offset: true, message: `${name} must be an ISO 8601 timestamp` })
    .optional()
    .meta({ description: `Only entries that occurred ${what} this time` });

export const auditLogQuerySchema = z.object({
  ...paginationQueryShape,
  actor_id: z
    .string()
    .regex(AUDIT_ACTOR_ID_PATTERN, { message: "actor_id must be an id such as usr_... or key_..." })
    .optional()
    .meta({ description: "Only what this member, key or operator did" }),
  action: z
    .string()
    .max(MAX_AUDIT_ACTION_LIST_LENGTH, {
      message: `action must be at most ${MAX_AUDIT_ACTION_LIST_LENGTH} characters`,
    })
    .regex(AUDIT_ACTION_LIST_PATTERN, {
      message: "action must be a comma list of actions or families (member.*)",
    })
    .optional()
    .meta({ description: "Comma list of actions or families: member.*,api_key.created" }),
  target_id: z
    .string()
    .regex(OBJECT_ID_PATTERN, { message: "target_id must be an id such as res_..." })
    .optional()
    .meta({ description: "Only entries about this object (any of their targets)" }),
  outcome: z
    .enum(["success", "denied"], { message: "outcome must be success or denied" })
    .optional(),
  occurred_gte: bound("occurred_gte", "at or after"),
  occurred_lte: bound("occurred_lte", "at or before"),
  format: z.enum(["json", "csv"], { message: "format must be json or csv" }).optional().meta({
    description:
      "csv: every entry matching the filters (pagination ignored, at most 10,000, newest first) as a text/csv download",
  }),
});

export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

export const auditLogIdParamSchema = z.object({
  id: z.string().meta({ param: { name: "id", in: "path" }, example: "aud_7Qm2Xc9LpT4vWb8N" }),
});
