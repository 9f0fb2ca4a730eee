import { z } from "zod";
import { INVITATION_STATUSES } from "@/lib/catalog/invitations";
import { isoTimestamp } from "./common";
import { memberSchema, roleSchema } from "./members";
import { pageSchema, paginationQueryShape } from "./pagination";

export const invitationStatusSchema = z
  .enum(INVITATION_STATUSES)
  .meta({ id: "InvitationStatus", example: "pending" });

export const invitationSchema = z
  .object({
    id: z.string().meta({ example: "inv_7RkW2nQ5vT8mL3xA" }),
    object: z.literal("invitation"),
    email: z
      .string()
      .meta({ description: "Trimmed and lower-cased", example: "grace@example.com" }),
    role: roleSchema,
    status: invitationStatusSchema,
    expires_at: isoTimestamp,
    invited_by: z.object({
      type: z.enum(["user", "api_key", "system"]),
      id: z.string().nullable(),
      display: z.string().nullable().meta({ example: "ada@example.com" }),
    }),
    delivery: z.enum(["smtp", "stored"]).meta({
      description:
        "smtp: the invitation was mailed; stored: no SMTP is configured and the mail was only kept, so pass the link on yourself",
    }),
    accept_url: z.string().nullable().meta({
      description:
        "The link to pass on by hand: set only while pending, when the mail was stored rather than sent, and for callers with members:write",
    }),
    accepted_at: isoTimestamp.nullable(),
    revoked_at: isoTimestamp.nullable(),
    created_at: isoTimestamp,
    updated_at: isoTimestamp,
  })
  .meta({ id: "Invitation", description: "An invitation to join the caller's organization" });

export const invitationListSchema = pageSchema(invitationSchema, "InvitationList");

export const invitationListQuerySchema = z.object({
  ...paginationQueryShape,
  status: invitationStatusSchema
    .optional()
    .meta({ description: "Only invitations in this status" }),
});

export const invitationIdParamSchema = z.object({
  id: z.string().meta({ param: { name: "id", in: "path" }, example: "inv_7RkW2nQ5vT8mL3xA" }),
});

export const createInvitationBodySchema = z
  .object({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(254, { message: "email is too long" })
      .email({ message: "email must be an e-mail address" })
      .meta({ example: "grace@example.com" }),
    role: roleSchema.meta({
      description:
        "The role they get on joining. Nobody invites above their own role; only an owner in the portal invites owners",
    }),
  })
  .meta({ id: "CreateInvitation" });

export const acceptInvitationBodySchema = z
  .object({
    token: z.string().min(1).max(200).meta({
      description: "The token from the invitation link",
      example: "7RkW2nQ5vT8mL3xA9pZc4HbN6yDq1sFgJ0uEiKoMwXr",
    }),
  })
  .meta({ id: "AcceptInvitation" });

export const acceptedInvitationSchema = z
  .object({
    invitation: invitationSchema,
    member: memberSchema,
    organization_id: z.string().meta({ example: "org_3LmQ8vRbTn49WpXc" }),
  })
  .meta({ id: "AcceptedInvitation" });
