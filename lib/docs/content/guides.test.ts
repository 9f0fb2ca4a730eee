import { describe, expect, it } from "vitest";
import { ROLE_PERMISSIONS, ROLES, roleCan } from "@/lib/catalog/roles";
import { SCOPES } from "@/lib/catalog/scopes";
import { DEPLOYMENT_EVENT_TYPES } from "@/lib/deployments/event-types";
import { DEPLOYMENT_STATUSES, TARGET_STATUSES } from "@/lib/schemas/deployments";
import type { ContentContext } from "./context";
import { deploymentsPage } from "./deployments";
import { roleTable, teamsPage } from "./teams";

/** A context with no OpenAPI document: the pages still build, with code instead of links. */
const bare: ContentContext = {
  has: () => false,
  hrefOf: () => null,
  schemaFields: () => [],
  operationsWithScope: () => [],
  dashboardOnlyOperations: () => [],
};

describe("the Teams and roles guide", () => {
  it("shows the permission table the API enforces, cell by cell", () => {
    const table = roleTable();
    expect(table.head.slice(1)).toEqual(ROLES.map((role) => `\`${role}\``));
    const every = new Set(ROLES.flatMap((role) => [...ROLE_PERMISSIONS[role]]));
    expect(table.rows.map((row) => row[0])).toEqual(
      expect.arrayContaining([...every].map((p) => `\`${p}\``)),
    );
    expect(table.rows).toHaveLength(every.size);
    for (const row of table.rows) {
      const permission = (row[0] ?? "").replaceAll("`", "") as Parameters<typeof roleCan>[1];
      ROLES.forEach((role, i) => {
        expect(row[i + 1], `${role} ${permission}`).toBe(roleCan(role, permission) ? "Yes" : "No");
      });
    }
    // Scopes first, in their own order.
    const scopeRows = table.rows
      .map((r) => r[0])
      .filter((c) => SCOPES.some((s) => c === `\`${s}\``));
    expect(scopeRows).toEqual(SCOPES.filter((s) => every.has(s)).map((s) => `\`${s}\``));
  });

  it("has unique anchors and names who may read the audit log from the role table", () => {
    const page = teamsPage(bare);
    const ids = [
      ...page.sections.map((s) => s.id),
      ...page.sections.flatMap((s) => (s.subsections ?? []).map((x) => x.id)),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    const readers = ROLES.filter((role) => roleCan(role, "audit:read"));
    expect(JSON.stringify(page)).toContain(readers.map((r) => `\`${r}\``).join(" and "));
  });
});

describe("the Deployments guide", () => {
  const text = JSON.stringify(deploymentsPage(bare));
  it("explains every deployment and target status and lists every deployment event", () => {
    for (const status of [...DEPLOYMENT_STATUSES, ...TARGET_STATUSES])
      expect(text, status).toContain(`\`${status}\``);
    for (const event of DEPLOYMENT_EVENT_TYPES)
      expect(text, event.type).toContain(`\`${event.type}\``);
  });
});
