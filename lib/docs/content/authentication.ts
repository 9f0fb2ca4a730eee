import { ROLE_PERMISSIONS, ROLES } from "@/lib/catalog/roles";
import { SCOPE_GROUPS } from "@/lib/catalog/scopes";
import { ROTATION_EXPIRIES } from "@/lib/schemas/api-keys";
import type { Block, DocPage } from "../content-types";
import { type ContentContext, opLink } from "./context";

/** What each scope group lets a key do, in words; the scope names come from lib/catalog/scopes.ts. */
export const SCOPE_GROUP_PURPOSE: Record<string, { read: string; write: string | null }> = {
  resources: {
    read: "List and read resources and their typed views (instances, volumes, buckets, networks, load balancers).",
    write: "Create, update and delete resources and run their actions (start, stop, attach...).",
  },
  deployments: {
    read: "Read multi-region deployments.",
    write: "Create and change multi-region deployments.",
  },
  webhooks: {
    read: "Read webhook endpoints and their deliveries.",
    write: "Create, change and delete webhook endpoints.",
  },
  keys: {
    read: "List and read API keys (never their secrets).",
    write: "Create, rotate and revoke API keys, within the scopes the acting key holds.",
  },
  members: {
    read: "List the members of the organization and their roles.",
    write: "Invite and remove members and change their roles.",
  },
  events: { read: "Read the event log of the project.", write: null },
  usage: { read: "Read request usage and the current rate-limit state.", write: null },
  billing: { read: "Read the plan, costs, prices and invoices.", write: null },
  audit: { read: "Read the audit log: who did what, and when.", write: null },
  logs: {
    read: "Read the request logs: every API request, its answer and the events and webhook deliveries it caused.",
    write: null,
  },
};

const EXPIRY_WORDS: Record<string, string> = {
  now: "at once",
  "1h": "after 1 hour",
  "24h": "after 24 hours",
  "7d": "after 7 days",
};

/** The scope, what it allows, and how many operations need it (none: say so plainly). */
function scopeCell(ctx: ContentContext, scope: string, purpose: string): string {
  const count = ctx.operationsWithScope(scope).length;
  if (count === 0) return `\`${scope}\`: reserved; no operation of this API version needs it.`;
  return `\`${scope}\` (${count} operation${count === 1 ? "" : "s"}): ${purpose}`;
}

/** Operations that need a member permission no key can hold, named from the API itself. */
function dashboardOnly(ctx: ContentContext): Block[] {
  const operations = ctx.dashboardOnlyOperations();
  if (operations.length === 0) return [];
  return [
    {
      kind: "p",
      text: `\`billing:manage\` and \`organization:manage\` are member permissions, not scopes: no API key can hold them. The operations that need them answer \`403\` to every key and work only for a signed-in member, from the dashboard: ${operations.map((op) => opLink(ctx, op)).join(", ")}.`,
    },
  ];
}

export function authenticationPage(ctx: ContentContext): DocPage {
  const scopeRows = SCOPE_GROUPS.map((group) => {
    const purpose = SCOPE_GROUP_PURPOSE[group.group];
    return [
      group.label,
      scopeCell(ctx, group.read, purpose?.read ?? ""),
      group.write ? scopeCell(ctx, group.write, purpose?.write ?? "") : "None",
    ];
  });
  const roleRows = ROLES.map((role) => {
    const scopes = SCOPE_GROUPS.map((group) => {
      const permissions = ROLE_PERMISSIONS[role];
      if (group.write && permissions.has(group.write)) return `${group.label}: read and write`;
      if (permissions.has(group.read)) return `${group.label}: read`;
      return null;
    }).filter((item): item is string => item !== null);
    const permissions = ROLE_PERMISSIONS[role];
    if (permissions.has("billing:manage"))
      scopes.push("change the plan and budget (`billing:manage`)");
    if (permissions.has("organization:manage"))
      scopes.push("manage the organization (`organization:manage`)");
    return [`\`${role}\``, scopes.join("; ") || "None"];
  });

  return {
    slug: "authentication",
    title: "Authentication",
    description:
      "API keys, live and sandbox environments, scopes, rotation, revocation and how to keep keys safe.",
    group: "Concepts",
    sections: [
      {
        id: "bearer-keys",
        title: "Bearer API keys",
        blocks: [
          {
            kind: "p",
            text: "Every request carries an API key in the `Authorization` header, as a bearer token. There are no sessions or cookies in the API: each request stands on its own.",
          },
          {
            kind: "code",
            lang: "http",
            title: "Request header",
            code: "Authorization: Bearer sk_live_...",
          },
          {
            kind: "p",
            text: "A key looks like `sk_live_` or `sk_test_`, then 32 random letters and digits, then a 6-character checksum. The checksum lets the API refuse a mistyped or truncated key without looking anything up, and the fixed prefix lets secret scanners (in your repository host, for example) recognise a leaked key. The API stores only a SHA-256 hash of the key with its prefix and last four characters, which is why the full key is shown only once.",
          },
          {
            kind: "p",
            text: "Only `GET /v1/openapi.json` answers without a key.",
          },
        ],
      },
      {
        id: "environments",
        title: "Live and sandbox environments",
        blocks: [
          {
            kind: "table",
            caption: "Key environments",
            head: ["", "Live key", "Sandbox key"],
            rows: [
              ["Prefix", "`sk_live_`", "`sk_test_`"],
              [
                "Data it acts on",
                "Your real resources",
                "Separate sandbox data, wiped every 24 hours",
              ],
              ["Paths", "`/v1/...`", "`/v1/...` and `/sandbox/v1/...`"],
              ["Rate limit", "Your plan's limit", "Its own sandbox limit"],
              ["Billed", "Yes", "Never"],
            ],
          },
          {
            kind: "p",
            text: "The environment belongs to the key, not the URL: a sandbox key sent to `/v1` still only sees sandbox data. A live key sent to `/sandbox/v1` is refused with `401`. More in [Sandbox](/docs/sandbox).",
          },
        ],
      },
      {
        id: "scopes",
        title: "Scopes",
        blocks: [
          {
            kind: "p",
            text: "A key holds a set of scopes. Most operations need one of them, and the reference names it on every operation. A key without the scope an operation needs gets `403 forbidden`. Give each key only what its job needs.",
          },
          {
            kind: "table",
            caption: "Scopes by area",
            head: ["Area", "Read scope", "Write scope"],
            rows: scopeRows,
          },
          {
            kind: "p",
            text: "A key can create other keys (with `keys:write`), but never with a scope it does not hold itself, and a sandbox key can only create sandbox keys. When you leave `scopes` out, the new key gets every scope of the key that created it. In the same way, a key (or a member, through their role) can rotate or revoke only keys whose scopes it holds all of, and sees the last four characters only of those; other keys answer `403 forbidden` to a rotation or revocation and are listed with `****`.",
          },
          { kind: "sample", id: "create-key" },
        ],
        subsections: [
          {
            id: "dashboard-roles",
            title: "Members and roles",
            blocks: [
              {
                kind: "p",
                text: "In the dashboard you act with the permissions of your role in the organization, and you can only give a key scopes that your role has:",
              },
              {
                kind: "table",
                caption: "What each role may do",
                head: ["Role", "Areas"],
                rows: roleRows,
              },
              ...dashboardOnly(ctx),
            ],
          },
        ],
      },
      {
        id: "rotation",
        title: "Rotating a key",
        blocks: [
          {
            kind: "p",
            text: `Rotation (also called rolling) issues a new secret with the same name and scopes and tells the old secret when to stop working, so you can deploy the new one without an outage. Choose the grace period with \`expires_in\`: ${ROTATION_EXPIRIES.map((value) => `\`${value}\` (the old secret stops ${EXPIRY_WORDS[value] ?? value})`).join(", ")}. After that the old secret answers \`401\`.`,
          },
          { kind: "sample", id: "rotate-key" },
          {
            kind: "p",
            text: `The dashboard shows when each key was last used, so you can check that nothing still uses the old secret before its grace period ends. \`last_used_at\` can lag behind by up to a minute. Keys can also be given an expiry when they are created (\`expires_at\`, or \`expires_in_days\`). You can list keys with ${opLink(ctx, "GET /v1/api-keys")}; each has a \`status\` of \`active\`, \`expiring\` (it has an expiry ahead, for example after a rotation), \`expired\` or \`revoked\`.`,
          },
        ],
      },
      {
        id: "revocation",
        title: "Revoking a key",
        blocks: [
          {
            kind: "p",
            text: "Revoking a key stops it at once: the next request with it answers `401` on every server. Revoke a key you no longer use, and revoke immediately any key that may have leaked, then create a replacement.",
          },
          { kind: "sample", id: "revoke-key" },
        ],
      },
      {
        id: "errors",
        title: "Authentication errors",
        blocks: [
          {
            kind: "table",
            caption: "What the API answers",
            head: ["Situation", "Answer"],
            rows: [
              [
                "No `Authorization` header, a malformed one, or a key that is unknown, revoked or expired",
                "`401 unauthorized`, with `WWW-Authenticate: Bearer`",
              ],
              ["A live key on `/sandbox/v1`", "`401 unauthorized`"],
              ["A valid key without the scope the operation needs", "`403 forbidden`"],
              [
                "An id that belongs to another project or environment",
                "`404 not_found`, as if it did not exist",
              ],
              ["Plain HTTP where HTTPS is required", "`403 https_required`"],
              [
                "Too many failed attempts from one address",
                "`429 rate_limited` with `Retry-After`",
              ],
            ],
          },
          { kind: "sample", id: "missing-key" },
        ],
      },
      {
        id: "security",
        title: "Keeping keys safe",
        blocks: [
          {
            kind: "list",
            items: [
              "Treat a key like a password: whoever holds it acts as your project.",
              "Read it from an environment variable or a secret manager, never from source code. Keep `.env` files out of version control (list them in `.gitignore`).",
              "Use separate keys for development, CI, staging and production, and for each service, so you can rotate or revoke one without touching the others.",
              "Give each key the fewest scopes that work, and an expiry date when it serves a temporary purpose.",
              "Rotate keys on a schedule and whenever someone who knew a key leaves; the grace period makes this a zero-downtime change.",
              "Only call the API over HTTPS; in production it refuses plain HTTP.",
              "Never put a key in a browser, a mobile app or any code that users can read. Call the API from your servers.",
            ],
          },
        ],
      },
    ],
  };
}
