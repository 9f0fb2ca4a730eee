import { INVITATION_STATUSES, INVITATION_TTL_DAYS } from "@/lib/catalog/invitations";
import {
  type Permission,
  ROLE_PERMISSIONS,
  ROLE_RANK,
  ROLES,
  type Role,
} from "@/lib/catalog/roles";
import { SCOPES } from "@/lib/catalog/scopes";
import type { Block, DocPage } from "../content-types";
import { type ContentContext, opLink, schemaFieldTable } from "./context";

/** One line per role; keyed by the role list, so a new role fails typecheck until it is described. */
const ROLE_SUMMARY: Record<Role, string> = {
  owner:
    "Everything, including the plan and budget, the organization's settings, making other owners and handing ownership over.",
  admin:
    "Everything an owner can do through the API and most of the dashboard, except touching owners, billing changes and ownership.",
  developer:
    "Builds and runs things: resources, deployments, webhooks and keys, events, usage and request logs. Sees the member list but cannot change it.",
  billing:
    "Reads and manages billing (plan, budget, invoices) and reads usage. Sees who the members are.",
  viewer: "Reads resources, deployments, webhooks, keys, events, usage and the member list.",
};

/** Every permission some role holds: the scopes in their own order, then portal-only powers. */
export function rolePermissions(): Permission[] {
  const held = new Set(ROLES.flatMap((role) => [...ROLE_PERMISSIONS[role]]));
  const scopes = SCOPES.filter((scope) => held.has(scope));
  const others = [...held].filter((p) => !(SCOPES as readonly string[]).includes(p)).sort();
  return [...scopes, ...others];
}

/** The role table, rendered from lib/catalog/roles.ts (the table the API enforces). */
export function roleTable(): Extract<Block, { kind: "table" }> {
  return {
    kind: "table",
    caption: "What each role may do",
    head: ["Permission", ...ROLES.map((role) => `\`${role}\``)],
    rows: rolePermissions().map((permission) => [
      `\`${permission}\``,
      ...ROLES.map((role) => (ROLE_PERMISSIONS[role].has(permission) ? "Yes" : "No")),
    ]),
  };
}

/** "owner, then admin, then developer, billing and viewer (side by side)": from ROLE_RANK. */
function rankText(): string {
  const ranks = [...new Set(Object.values(ROLE_RANK))].sort((a, b) => b - a);
  return ranks
    .map((rank) => {
      const roles = ROLES.filter((role) => ROLE_RANK[role] === rank).map((r) => `\`${r}\``);
      return roles.length > 1
        ? `${roles.slice(0, -1).join(", ")} and ${roles.at(-1)} (side by side)`
        : (roles[0] ?? "");
    })
    .join(", then ");
}

const holders = (permission: Permission) =>
  ROLES.filter((role) => ROLE_PERMISSIONS[role].has(permission))
    .map((role) => `\`${role}\``)
    .join(" and ");

export function teamsPage(ctx: ContentContext): DocPage {
  const entryTable = schemaFieldTable(ctx, "AuditLog", "The fields of an audit entry");
  return {
    slug: "teams",
    title: "Teams and roles",
    description:
      "Members, their roles and what each may do, the rules that keep anyone from raising their own access, invitations, and the audit log of every change.",
    group: "Concepts",
    sections: [
      {
        id: "roles",
        title: "Roles",
        blocks: [
          {
            kind: "p",
            text: "Everyone in an organization is a member with exactly one role. The role decides what they may do in the dashboard, and it also limits the API keys they create. The table is generated from the permission table the API itself checks, so it always matches what you will be allowed to do.",
          },
          roleTable(),
          {
            kind: "list",
            items: ROLES.map((role) => `\`${role}\`: ${ROLE_SUMMARY[role]}`),
          },
          {
            kind: "p",
            text: "Permissions ending in `:read` or `:write` are also API key scopes (see [Authentication](/docs/authentication#scopes)). The others are powers of a signed-in member that no key can hold: the operations that need them answer `403` to every key.",
          },
          { kind: "sample", id: "list-members" },
        ],
      },
      {
        id: "escalation",
        title: "No way up: the escalation rules",
        blocks: [
          {
            kind: "p",
            text: `Roles are ranked: ${rankText()}. Every change to members and invitations is checked against the rank of whoever makes it, inside the same database transaction as the change itself, so two requests racing each other cannot slip past a rule.`,
          },
          {
            kind: "list",
            items: [
              "Nobody can give a role ranked above their own, or change or remove a member who outranks them (`403`).",
              `Only an owner, signed in to the dashboard, can make someone an owner, change an owner, or hand ownership over (${opLink(ctx, "POST /v1/members/{id}/transfer-ownership")}). No API key can, whoever made it.`,
              "The last owner can be neither demoted nor removed, and cannot leave: `409 last_owner`. If two owners demote each other at the same moment, one of the two changes goes through and the other gets `409`.",
              "A role change or a removal applies from the member's very next request; the dashboard does not keep an old role in a session.",
            ],
          },
          { kind: "sample", id: "change-member-role" },
          {
            kind: "p",
            text: "The same call asking for `owner` is refused, and the refusal itself is written to the audit log:",
          },
          { kind: "sample", id: "grant-owner-refused" },
        ],
        subsections: [
          {
            id: "keys",
            title: "API keys and the role of their creator",
            blocks: [
              {
                kind: "list",
                items: [
                  "A key acts with its scopes, and never with more than the role of the member who created it allows. When managing members, a key acts with that member's role, capped at `admin`: a key with `members:write` can invite and change members up to `admin`, never `owner`.",
                  "If that member is later demoted, the key loses, from its next request, the scopes the new role does not have. Promoting the member again gives them back.",
                  "Keys belong to the organization, not to a person. Removing a member keeps the keys they created working, unless you ask for them to be revoked too: `DELETE /v1/members/{id}?revoke_keys=true`, which also needs `keys:write`. Such a key can no longer manage members.",
                  "A key made by an operator with the admin command line has no creator and acts as `admin`.",
                ],
              },
            ],
          },
        ],
      },
      {
        id: "invitations",
        title: "Invitations",
        blocks: [
          {
            kind: "p",
            text: `People join by invitation. ${opLink(ctx, "POST /v1/invitations")} takes an e-mail address and a role (the same ranking rules apply: nobody invites above their own role, and only an owner in the dashboard invites owners). The address is trimmed and lower-cased. An address that is already a member, or already has a pending invitation, is refused with \`409\`: resend or revoke the existing one instead, so nobody silently replaces an invitation somebody else sent.`,
          },
          { kind: "sample", id: "invite-member" },
          {
            kind: "p",
            text: `The invitation is e-mailed when the platform has an SMTP server (\`delivery: "smtp"\`). Without one the mail is only stored (\`delivery: "stored"\`), and \`accept_url\` holds the link for you to pass on; it is shown only while the invitation is pending and only to callers who may manage members.`,
          },
          {
            kind: "list",
            items: [
              `A link works for ${INVITATION_TTL_DAYS} days (\`expires_at\`). After that the invitation shows as \`expired\`; the statuses are ${INVITATION_STATUSES.map((s) => `\`${s}\``).join(", ")}.`,
              `Resending (${opLink(ctx, "POST /v1/invitations/{id}/resend")}) makes a new link with a fresh ${INVITATION_TTL_DAYS}-day expiry, also for an expired invitation. The previous link stops working at that moment.`,
              `Revoking (${opLink(ctx, "POST /v1/invitations/{id}/revoke")}) kills the link for good.`,
              "Accepting happens in the dashboard, at the link's `/invite/...` page: the person signs up or signs in, and joins only if their account's e-mail is the invited address (letter case does not matter). Signed in as someone else, they are told so and the invitation stays pending for the right person. An expired, revoked, replaced or already used link shows a clear page (the API answers `410` for it).",
            ],
          },
          { kind: "sample", id: "list-pending-invitations" },
          { kind: "sample", id: "resend-invitation" },
          { kind: "sample", id: "revoke-invitation" },
        ],
      },
      {
        id: "audit-log",
        title: "The audit log",
        blocks: [
          {
            kind: "p",
            text: `Every change, whether made through the API, the dashboard, the admin command line or a background job (a webhook endpoint disabled after failures, the Sandbox reset, a deployment's progress), writes one entry, in the same transaction as the change: there is no change without its entry. Refused attempts at sensitive actions, such as role changes, key creation and ownership, are written too, with \`outcome: "denied"\`. Reading the log takes the \`audit:read\` scope, which ${holders("audit:read")} have.`,
          },
          ...entryTable,
          {
            kind: "p",
            text: "`changes` holds the fields that changed, before and after. Secrets are never written to the log: no key secret, webhook signing secret or password hash appears in an entry. `context.request_id` is the request that caused the change, so you can find it in the request logs.",
          },
          {
            kind: "p",
            text: `${opLink(ctx, "GET /v1/audit-logs")} lists entries newest first and pages like every list. Filter with \`actor_id\` (a member, key or operator), \`action\` (a comma list of actions, or families such as \`member.*\`), \`target_id\` (any object an entry is about), \`outcome\` (\`success\` or \`denied\`) and \`occurred_gte\` / \`occurred_lte\` (ISO 8601 times). A key sees the entries about the whole organization, such as members and the plan, and those of its own project and environment.`,
          },
          { kind: "sample", id: "list-member-audit" },
          { kind: "sample", id: "list-denied-audit" },
          {
            kind: "p",
            text: "Add `format=csv` to download every entry that matches the same filters as `text/csv` (newest first, at most 10,000 rows; paging is ignored). Cells that a spreadsheet would run as a formula are prefixed with a quote, so opening the file is safe.",
          },
          { kind: "sample", id: "export-audit-csv" },
          {
            kind: "list",
            items: [
              "The log is append-only: no route edits or deletes an entry, and any such method answers `405`.",
              "Entries are kept for 365 days by default; the operator of the platform sets this with `AUDIT_RETENTION_DAYS`. Older entries are deleted by an hourly job, and nothing else ever deletes one. Export what you must keep longer.",
            ],
          },
        ],
      },
    ],
  };
}
