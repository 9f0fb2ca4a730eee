import { z } from "zod";
import { ROLES } from "@/lib/catalog/roles";
import { isoTimestamp } from "./common";
import { pageSchema, paginationQueryShape } from "./pagination";

export const roleSchema = z.enum(ROLES).meta({ id: "Role", example: "developer" });

export const memberSchema = z
  .object({
    id: z.string().meta({ example: "mem_5XqT8mR2vN9pL4wZ" }),
    object: z.literal("member"),
    user_id: z.string().meta({ example: "usr_8HcT2mQ4vN9pL1wA" }),
    email: z.string().meta({ example: "ada@example.com" }),
    name: z.string().meta({ example: "Ada Lovelace" }),
    role: roleSchema,
    joined_at: isoTimestamp,
    last_active_at: isoTimestamp
      .nullable()
      .meta({ description: "Their latest use of the portal, to within a few minutes" }),
    active_keys: z.number().int().meta({
      description: "Unrevoked API keys they created (kept when they leave)",
      example: 2,
    }),
  })
  .meta({ id: "Member", description: "A member of the caller's organization" });

export const memberListSchema = pageSchema(memberSchema, "MemberList");

export const memberListQuerySchema = z.object({
  ...paginationQueryShape,
  role: roleSchema.optional().meta({ description: "Only members with this role" }),
});

export const memberIdParamSchema = z.object({
  id: z.string().meta({ param: { name: "id", in: "path" }, example: "mem_5XqT8mR2vN9pL4wZ" }),
});

export const removeMemberQuerySchema = z.object({
  revoke_keys: z.enum(["true", "false"]).optional().meta({
    description:
      "true: also revoke the API keys they created (needs keys:write too); by default the keys stay the organization's",
  }),
});

export const updateMemberBodySchema = z
  .object({
    role: roleSchema.meta({
      description:
        "The new role. Nobody grants a role above their own; only an owner in the portal grants owner",
    }),
  })
  .meta({ id: "UpdateMember" });
