import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Kysely } from "kysely";
import type { Bus } from "@/lib/bus";
import type { Database } from "@/lib/db/schema";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { getMember, listMembers } from "@/lib/members/list-members";
import { removeMember } from "@/lib/members/remove-member";
import { transferOwnership } from "@/lib/members/transfer-ownership";
import { parseListQuery } from "@/lib/pagination/list-query";
import {
  memberIdParamSchema,
  memberListQuerySchema,
  memberListSchema,
  memberSchema,
  removeMemberQuerySchema,
  updateMemberBodySchema,
} from "@/lib/schemas/members";
import type { ApiEnv } from "../env";
import {
  commonErrorResponses,
  conflictResponse,
  contextOf,
  jsonContent,
  jsonRequestBody,
  noContent,
  notFoundResponse,
  security,
  sendJson,
  validationResponse,
} from "../route-kit";

export interface MemberRouteDeps {
  db: Kysely<Database>;
  bus: Bus;
  now: () => Date;
}

const TAGS = ["Members"];
const RULES =
  "Nobody grants a role above their own or changes a member who outranks them (403); a key acts with the current role of the member who created it, never above admin. The last owner cannot be demoted or removed (409 last_owner).";

const listRoute = createRoute({
  method: "get",
  path: "/members",
  tags: TAGS,
  summary: "List members",
  description: "The members of the caller's organization, newest first.",
  security,
  "x-required-scope": "members:read",
  request: { query: memberListQuerySchema },
  responses: { 200: jsonContent(memberListSchema, "A page of members"), ...commonErrorResponses },
});

const getRoute = createRoute({
  method: "get",
  path: "/members/{id}",
  tags: TAGS,
  summary: "Get a member",
  security,
  "x-required-scope": "members:read",
  request: { params: memberIdParamSchema },
  responses: {
    200: jsonContent(memberSchema, "The member"),
    ...notFoundResponse,
    ...commonErrorResponses,
  },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/members/{id}",
  tags: TAGS,
  summary: "Change a member's role",
  description: `Takes effect on the member's next request. ${RULES}`,
  security,
  "x-required-scope": "members:write",
  request: { params: memberIdParamSchema, body: jsonRequestBody(updateMemberBodySchema) },
  responses: {
    200: jsonContent(memberSchema, "The member with the new role"),
    ...conflictResponse,
    ...notFoundResponse,
    ...validationResponse,
    ...commonErrorResponses,
  },
});

const removeRoute = createRoute({
  method: "delete",
  path: "/members/{id}",
  tags: TAGS,
  summary: "Remove a member",
  description: `A member may always remove themselves (leave). The keys the member created stay the organization's. ${RULES}`,
  security,
  "x-required-scope": "members:write",
  request: { params: memberIdParamSchema, query: removeMemberQuerySchema },
  responses: {
    204: { description: "Removed" },
    ...conflictResponse,
    ...notFoundResponse,
    ...commonErrorResponses,
  },
});

const transferRoute = createRoute({
  method: "post",
  path: "/members/{id}/transfer-ownership",
  tags: TAGS,
  summary: "Transfer ownership",
  description:
    "The member becomes an owner and the calling owner an admin. Only an owner signed in to the portal may do this; an API key never can (403).",
  security,
  "x-required-scope": "ownership:transfer",
  request: { params: memberIdParamSchema },
  responses: {
    200: jsonContent(memberSchema, "The new owner"),
    ...notFoundResponse,
    ...commonErrorResponses,
  },
});

export function registerMemberRoutes(app: OpenAPIHono<ApiEnv>, deps: MemberRouteDeps): void {
  const bus = { bus: deps.bus };

  app.openapi(listRoute, async (c) => {
    const { role, ...paging } = c.req.valid("query");
    const page = await listMembers(contextOf(c, deps), { page: parseListQuery(paging), role });
    return sendJson(c, page, 200);
  });

  app.openapi(getRoute, async (c) => {
    return sendJson(c, await getMember(contextOf(c, deps), c.req.valid("param").id), 200);
  });

  app.openapi(updateRoute, async (c) => {
    const member = await changeMemberRole(contextOf(c, deps, bus), {
      id: c.req.valid("param").id,
      role: c.req.valid("json").role,
    });
    return sendJson(c, member, 200);
  });

  app.openapi(removeRoute, async (c) => {
    await removeMember(contextOf(c, deps, bus), c.req.valid("param").id, {
      revokeKeys: c.req.valid("query").revoke_keys === "true",
    });
    return noContent(c);
  });

  app.openapi(transferRoute, async (c) => {
    return sendJson(c, await transferOwnership(contextOf(c, deps), c.req.valid("param").id), 200);
  });
}
