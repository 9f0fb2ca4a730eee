import { describe, expect, it } from "vitest";
import { auditDiff } from "./audit-diff";

describe("audit before/after diff", () => {
  it("marks changed, kept, added and removed fields, nested ones by dotted path", () => {
    const rows = auditDiff(
      { name: "ci", status: "active", scopes: ["keys:read"], meta: { team: "a", old: 1 } },
      { name: "ci", status: "revoked", scopes: ["keys:read"], meta: { team: "b" }, note: null },
    );
    expect(rows).toEqual([
      { path: "name", kind: "unchanged", before: "ci", after: "ci" },
      { path: "status", kind: "changed", before: "active", after: "revoked" },
      { path: "scopes", kind: "unchanged", before: '["keys:read"]', after: '["keys:read"]' },
      { path: "meta.team", kind: "changed", before: "a", after: "b" },
      { path: "note", kind: "added", after: "null" },
      { path: "meta.old", kind: "removed", before: "1" },
    ]);
  });

  it("shows a created object as all added and a deleted one as all removed", () => {
    expect(auditDiff(null, { id: "key_1", live: true })).toEqual([
      { path: "id", kind: "added", after: "key_1" },
      { path: "live", kind: "added", after: "true" },
    ]);
    expect(auditDiff({ id: "res_1", labels: {} }, null)).toEqual([
      { path: "id", kind: "removed", before: "res_1" },
      { path: "labels", kind: "removed", before: "{}" },
    ]);
    expect(auditDiff(null, null)).toEqual([]);
  });
});
