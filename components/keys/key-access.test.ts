import { describe, expect, it } from "vitest";
import { ROLE_PERMISSIONS } from "@/lib/catalog/roles";
import { READ_ONLY_SCOPES, SCOPES } from "@/lib/catalog/scopes";
import { describeScopes, scopesFor, scopesOfLevels } from "./key-access";

const owner = ROLE_PERMISSIONS.owner as ReadonlySet<string>;
const developer = ROLE_PERMISSIONS.developer as ReadonlySet<string>;

describe("restricted key editor", () => {
  it("turns per-group levels into scopes, write including read", () => {
    expect(scopesOfLevels({ resources: "write", usage: "read", keys: "none" })).toEqual([
      "resources:read",
      "resources:write",
      "usage:read",
    ]);
  });

  it("never asks for more than the member holds", () => {
    expect(scopesFor("full", {}, owner)).toEqual([...SCOPES]);
    const dev = scopesFor("full", {}, developer);
    expect(dev).not.toContain("billing:read");
    expect(dev).not.toContain("members:write");
    expect(scopesFor("custom", { billing: "read", resources: "read" }, developer)).toEqual([
      "resources:read",
    ]);
  });

  it("describes a key's scopes for the table", () => {
    expect(describeScopes([...SCOPES]).label).toBe("Full access");
    expect(describeScopes(READ_ONLY_SCOPES).label).toBe("Read only");
    expect(describeScopes(["resources:read", "resources:write"])).toEqual({
      label: "Restricted",
      detail: "Resources: write",
    });
  });
});
