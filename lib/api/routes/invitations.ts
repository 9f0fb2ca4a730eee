import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Kysely } from "kysely";
import type { Config } from "@/lib/config";
import type { Database } from "@/lib/db/schema";
import { acceptInvitation } from "@/lib/invitations/accept-invitation";
import { createInvitation } from "@/lib/invitations/create-invitation";
import type { InvitationMailSettings } from "@/lib/invitations/invitation-context";
import { getInvitation, listInvitations } from "@/lib/invitations/list-invitations";
import { resendInvitation } from "@/lib/invitations/resend-invitation";
import { revokeInvitation } from "@/lib/invitations/revoke-invitation";
import { parseListQuery } from "@/lib/pagination/list-query";
import {
  acceptedInvitationSchema,
  acceptInvitationBodySchema,
  createInvitationBodySchema,
  invitationIdParamSchema,
  invitationListQuerySchema,
  invitationListSchema,
  invitationSchema,
} from "@/lib/schemas/invitations";
import type { ApiEnv } from "../env";
import {
  commonErrorResponses,
  conflictResponse,
  contextOf,
  jsonContent,
  jsonRequestBody,
  notFoundResponse,
  problem,
  security,
  sendJson,
  validationResponse,
} from "../route-kit";

export interface InvitationRouteDeps {
  db: Kysely<Database>;
  now: () => Date;
  config: Pick<Config, "smtpUrl" | "nextAuthUrl" | "docsOrigin">;
}

const TAGS = ["Invitations"];
const RULES =
  "Nobody invites to a role above their own (403); a key acts with the current role of the member who created it, never above admin, so no key invites an owner.";
const goneResponse = {
  410: problem("The link expired, was revoked, was already used, or was replaced by a resend"),
} as const;

const listRoute = createRoute({
  method: "get",
  path: "/invitations",
  tags: TAGS,
  summary: "List invitations",
  description:
    "The invitations of the caller's organization, newest first, in either pagination style; filter by status.",
  security,
  "x-required-scope": "members:read",
  request: { query: invitationListQuerySchema },
  responses: {
    200: jsonContent(invitationListSchema, "A page of invitations"),
    ...commonErrorResponses,
  },
});

const createRouteDef = createRoute({
  method: "post",
  path: "/invitations",
  tags: TAGS,
  summary: "Invite someone",
  description: `Mails an invitation link valid for 7 days (without SMTP the mail is kept and accept_url returned). An address that is already a member, or already has a pending invitation, answers 409: resend or revoke that one instead. ${RULES}`,
  security,
  "x-required-scope": "members:write",
  request: { body: jsonRequestBody(createInvitationBodySchema) },
  responses: {
    201: jsonContent(invitationSchema, "The invitation, pending"),
    ...conflictResponse,
    ...validationResponse,
    ...commonErrorResponses,
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/invitations/{id}",
  tags: TAGS,
  summary: "Get an invitation",
  security,
  "x-required-scope": "members:read",
  request: { params: invitationIdParamSchema },
  responses: {
    200: jsonContent(invitationSchema, "The invitation"),
    ...notFoundResponse,
    ...commonErrorResponses,
  },
});

const resendRoute = createRoute({
  method: "post",
  path: "/invitations/{id}/resend",
  tags: TAGS,
  summary: "Resend an invitation",
  description: `Mails a new link with a new 7-day expiry; the previous link stops working. Works on pending and expired invitations; an accepted or revoked one answers 409. ${RULES}`,
  security,
  "x-required-scope": "members:write",
  request: { params: invitationIdParamSchema },
  responses: {
    200: jsonContent(invitationSchema, "The invitation with its new expiry"),
    ...conflictResponse,
    ...notFoundResponse,
    ...commonErrorResponses,
  },
});

const revokeRoute = createRoute({
  method: "post",
  path: "/invitations/{id}/revoke",
  tags: TAGS,
  summary: "Revoke an invitation",
  description: `Its link answers 410 from now on. An accepted or already revoked invitation answers 409. ${RULES}`,
  security,
  "x-required-scope": "members:write",
  request: { params: invitationIdParamSchema },
  responses: {
    200: jsonContent(invitationSchema, "The revoked invitation"),
    ...conflictResponse,
    ...notFoundResponse,
    ...commonErrorResponses,
  },
});

const acceptRoute = createRoute({
  method: "post",
  path: "/invitations/accept",
  tags: TAGS,
  summary: "Accept an invitation",
  description:
    "Used by the portal's /invite page for the signed-in person: they join with the invitation's role when their account's e-mail is the invited one (else 403, and the invitation stays pending). An API key cannot accept (403). An expired, revoked, used or replaced link answers 410 invitation_expired.",
  security,
  "x-required-scope": "none",
  request: { body: jsonRequestBody(acceptInvitationBodySchema) },
  responses: {
    200: jsonContent(acceptedInvitationSchema, "The accepted invitation and the new membership"),
    ...notFoundResponse,
    ...goneResponse,
    ...validationResponse,
    ...commonErrorResponses,
  },
});

/** Mails go over SMTP when SMTP_URL is set; the link points at the portal's public origin. */
export function invitationMailSettings(
  config: InvitationRouteDeps["config"],
): InvitationMailSettings {
  return {
    deliver: Boolean(config.smtpUrl),
    portalUrl: config.nextAuthUrl ? new URL(config.nextAuthUrl).origin : config.docsOrigin,
  };
}

export function registerInvitationRoutes(
  app: OpenAPIHono<ApiEnv>,
  deps: InvitationRouteDeps,
): void {
  const mail = { mail: invitationMailSettings(deps.config) };

  app.openapi(listRoute, async (c) => {
    const { status, ...paging } = c.req.valid("query");
    const page = await listInvitations(contextOf(c, deps, mail), {
      page: parseListQuery(paging),
      status,
    });
    return sendJson(c, page, 200);
  });

  app.openapi(createRouteDef, async (c) => {
    return sendJson(c, await createInvitation(contextOf(c, deps, mail), c.req.valid("json")), 201);
  });

  // Registered before /invitations/{id}/... so "accept" is never read as an id.
  app.openapi(acceptRoute, async (c) => {
    return sendJson(c, await acceptInvitation(contextOf(c, deps), c.req.valid("json").token), 200);
  });

  app.openapi(getRoute, async (c) => {
    return sendJson(c, await getInvitation(contextOf(c, deps, mail), c.req.valid("param").id), 200);
  });

  app.openapi(resendRoute, async (c) => {
    const view = await resendInvitation(contextOf(c, deps, mail), c.req.valid("param").id);
    return sendJson(c, view, 200);
  });

  app.openapi(revokeRoute, async (c) => {
    return sendJson(c, await revokeInvitation(contextOf(c, deps), c.req.valid("param").id), 200);
  });
}
