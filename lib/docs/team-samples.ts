import { SDK_PACKAGE } from "@/sdk/version";
import { BASE_URL_TOKEN, fetchCallFor } from "./sample-code";
import type { DocSample } from "./samples";

// The Teams and roles guide's runnable samples. The doc tests swap the example ids for objects
// they make first (a developer added to the organization, a pending invitation) and give each
// run an invitee address of its own, since an address holds one pending invitation at a time.

export const EXAMPLE_MEMBER_ID = "mem_5XqT8mR2vN9pL4wZ";
export const EXAMPLE_INVITATION_ID = "inv_7RkW2nQ5vT8mL3xA";
const INVITEE = "grace@example.com";

/** The audit entries of member and invitation changes, as a spreadsheet-safe CSV download. */
const csvPath = "/v1/audit-logs?format=csv&action=member.*,invitation.*";

const CSV_JAVASCRIPT = `${fetchCallFor({ method: "GET", path: csvPath })}
if (!response.ok) throw new Error(\`HTTP \${response.status}: \${await response.text()}\`);
// text/csv, one line per entry, newest first; the first line names the columns.
console.log(await response.text());`;

const CSV_SDK = `import { createClient } from "${SDK_PACKAGE}";

const cloud = createClient({ baseUrl: "${BASE_URL_TOKEN}" });
const { data } = await cloud.GET("/v1/audit-logs", {
  params: { query: { format: "csv", action: "member.*,invitation.*" } },
  parseAs: "text",
});
console.log(data);`;

const memberFixture = { [EXAMPLE_MEMBER_ID]: "member" } as const;
const invitationFixture = { [EXAMPLE_INVITATION_ID]: "invitation" } as const;

export const TEAM_SAMPLES: readonly DocSample[] = [
  {
    id: "list-members",
    title: "List the members and their roles",
    operation: "GET /v1/members",
    request: { method: "GET", path: "/v1/members" },
    expect: { status: 200 },
  },
  {
    id: "change-member-role",
    title: "Make a developer a viewer",
    operation: "PATCH /v1/members/{id}",
    request: {
      method: "PATCH",
      path: `/v1/members/${EXAMPLE_MEMBER_ID}`,
      body: { role: "viewer" },
    },
    expect: { status: 200 },
    fixtures: memberFixture,
  },
  {
    id: "grant-owner-refused",
    title: "A key cannot make an owner",
    operation: "PATCH /v1/members/{id}",
    request: {
      method: "PATCH",
      path: `/v1/members/${EXAMPLE_MEMBER_ID}`,
      body: { role: "owner" },
    },
    expect: { status: 403 },
    fixtures: memberFixture,
  },
  {
    id: "invite-member",
    title: "Invite someone as a developer",
    operation: "POST /v1/invitations",
    request: {
      method: "POST",
      path: "/v1/invitations",
      body: { email: INVITEE, role: "developer" },
    },
    expect: { status: 201 },
    fixtures: { [INVITEE]: "unique_name" },
  },
  {
    id: "list-pending-invitations",
    title: "The invitations still waiting for an answer",
    operation: "GET /v1/invitations",
    request: { method: "GET", path: "/v1/invitations?status=pending" },
    expect: { status: 200 },
  },
  {
    id: "resend-invitation",
    title: "Send an invitation again, with a new link",
    operation: "POST /v1/invitations/{id}/resend",
    request: { method: "POST", path: `/v1/invitations/${EXAMPLE_INVITATION_ID}/resend` },
    expect: { status: 200 },
    fixtures: invitationFixture,
  },
  {
    id: "revoke-invitation",
    title: "Revoke an invitation",
    operation: "POST /v1/invitations/{id}/revoke",
    request: { method: "POST", path: `/v1/invitations/${EXAMPLE_INVITATION_ID}/revoke` },
    expect: { status: 200 },
    fixtures: invitationFixture,
  },
  {
    id: "list-member-audit",
    title: "Who changed members and invitations",
    operation: "GET /v1/audit-logs",
    request: { method: "GET", path: "/v1/audit-logs?action=member.*,invitation.*&limit=5" },
    expect: { status: 200 },
  },
  {
    id: "list-denied-audit",
    title: "Refused attempts at sensitive actions",
    operation: "GET /v1/audit-logs",
    request: { method: "GET", path: "/v1/audit-logs?outcome=denied&limit=5" },
    expect: { status: 200 },
  },
  {
    id: "export-audit-csv",
    title: "Export the same entries as CSV",
    operation: "GET /v1/audit-logs",
    request: { method: "GET", path: csvPath },
    javascript: CSV_JAVASCRIPT,
    sdk: CSV_SDK,
    expect: { status: 200 },
  },
];
