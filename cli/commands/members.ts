import type { Schemas } from "@/sdk";
import type { CommandSpec, TableView } from "../spec";
import { callAndPrint, deleteCommand, getCommand, listCommand } from "./builders";
import { CREATED, when } from "./views";

const MEMBER_ID = "mem_5XqT8mR2vN9pL4wZ";
const INVITATION_ID = "inv_7RkW2nQ5vT8mL3xA";

const ROLES = [
  "owner",
  "admin",
  "developer",
  "billing",
  "viewer",
] as const satisfies readonly Schemas["Role"][];
const INVITATION_STATUSES = [
  "pending",
  "accepted",
  "revoked",
  "expired",
] as const satisfies readonly Schemas["InvitationStatus"][];

const MEMBER_VIEW: TableView = {
  columns: [
    { header: "ID", path: "id" },
    { header: "EMAIL", path: "email" },
    { header: "NAME", path: "name" },
    { header: "ROLE", path: "role" },
    { header: "JOINED", path: "joined_at", format: when },
    { header: "LAST ACTIVE", path: "last_active_at", format: when },
    { header: "KEYS", path: "active_keys" },
  ],
};

const INVITATION_VIEW: TableView = {
  columns: [
    { header: "ID", path: "id" },
    { header: "EMAIL", path: "email" },
    { header: "ROLE", path: "role" },
    { header: "STATUS", path: "status" },
    { header: "EXPIRES", path: "expires_at", format: when },
    { header: "INVITED BY", path: "invited_by.display" },
    CREATED,
  ],
};

/** After a create or resend: the link to pass on by hand when the mail was only stored. */
const SENT_INVITATION_VIEW: TableView = {
  columns: [
    ...INVITATION_VIEW.columns.filter((c) => c !== CREATED),
    { header: "DELIVERY", path: "delivery" },
    { header: "ACCEPT URL", path: "accept_url" },
  ],
};

const ROLE_FLAG = "--role <role>";

export const memberCommands: CommandSpec[] = [
  listCommand({
    path: ["members", "list"],
    summary: "List the members of the organization, newest first",
    api: "/v1/members",
    filters: [
      {
        flags: ROLE_FLAG,
        description: "Only members with this role",
        choices: ROLES,
        to: { query: "role" },
      },
    ],
    view: MEMBER_VIEW,
    examples: ["cloud members list", "cloud members list --role admin -q"],
  }),
  getCommand({
    path: ["members", "get"],
    summary: "Show one member",
    api: "/v1/members/{id}",
    view: MEMBER_VIEW,
    examples: [`cloud members get ${MEMBER_ID}`],
  }),
  {
    path: ["members", "update"],
    summary: "Change a member's role (the last owner keeps theirs: 409 last_owner)",
    description:
      "Change a member's role; it holds from their next request. Nobody grants a role above their own or changes a member who outranks them (403); a key acts with its creator's role, never above admin. The last owner cannot be demoted (409 last_owner).",
    args: [{ name: "id", description: "The member's id (mem_...)" }],
    options: [
      {
        flags: ROLE_FLAG,
        description: "The new role",
        choices: ROLES,
        required: true,
        to: { body: "role" },
      },
    ],
    examples: [`cloud members update ${MEMBER_ID} --role developer`],
    request: { method: "PATCH", path: "/v1/members/{id}" },
    run: (ctx, input) => callAndPrint(ctx, input, MEMBER_VIEW),
  },
  deleteCommand({
    path: ["members", "remove"],
    summary: "Remove a member from the organization (the keys they made stay unless asked)",
    api: "/v1/members/{id}",
    options: [
      {
        flags: "--revoke-keys",
        description: "Also revoke the API keys they created (needs keys:write too)",
        to: { query: "revoke_keys" },
      },
    ],
    examples: [
      `cloud members remove ${MEMBER_ID}`,
      `cloud members remove ${MEMBER_ID} --revoke-keys`,
    ],
  }),
  listCommand({
    path: ["invitations", "list"],
    summary: "List invitations, newest first",
    api: "/v1/invitations",
    filters: [
      {
        flags: "--status <status>",
        description: "Only invitations in this status",
        choices: INVITATION_STATUSES,
        to: { query: "status" },
      },
    ],
    view: INVITATION_VIEW,
    examples: ["cloud invitations list --status pending", "cloud invitations list -o json"],
  }),
  getCommand({
    path: ["invitations", "get"],
    summary: "Show one invitation",
    api: "/v1/invitations/{id}",
    view: INVITATION_VIEW,
    examples: [`cloud invitations get ${INVITATION_ID}`],
  }),
  {
    path: ["invitations", "create"],
    summary: "Invite someone by e-mail; the link is valid for 7 days",
    description:
      "Mails an invitation link valid for 7 days. Without SMTP the mail is only kept and the link is printed (ACCEPT URL) to pass on yourself. An address that is already a member or already invited answers 409: resend or revoke that invitation instead.",
    options: [
      {
        flags: "--email <address>",
        description: "Who to invite",
        required: true,
        to: { body: "email" },
      },
      {
        flags: ROLE_FLAG,
        description: "The role they get on joining (not above your own)",
        choices: ROLES,
        required: true,
        to: { body: "role" },
      },
    ],
    examples: [
      "cloud invitations create --email grace@example.com --role developer",
      "cloud invitations create --email ci@example.com --role viewer -o json | jq -r .accept_url",
    ],
    request: { method: "POST", path: "/v1/invitations" },
    run: (ctx, input) => callAndPrint(ctx, input, SENT_INVITATION_VIEW),
  },
  {
    path: ["invitations", "resend"],
    summary: "Mail a new link with a new 7-day expiry; the previous link stops working",
    args: [{ name: "id", description: "The invitation's id (inv_...)" }],
    examples: [`cloud invitations resend ${INVITATION_ID}`],
    request: { method: "POST", path: "/v1/invitations/{id}/resend" },
    run: (ctx, input) => callAndPrint(ctx, input, SENT_INVITATION_VIEW),
  },
  {
    path: ["invitations", "revoke"],
    summary: "Revoke an invitation: its link answers 410 from now on",
    args: [{ name: "id", description: "The invitation's id (inv_...)" }],
    examples: [`cloud invitations revoke ${INVITATION_ID}`],
    request: { method: "POST", path: "/v1/invitations/{id}/revoke" },
    run: (ctx, input) => callAndPrint(ctx, input, INVITATION_VIEW),
  },
];
