import { describe, expect, it } from "vitest";
import { grantableRoles, mayManage } from "./member-access";

describe("member access in the portal", () => {
  it("offers only roles up to one's own, and owner only to owners", () => {
    expect(grantableRoles("owner")).toEqual(["owner", "admin", "developer", "billing", "viewer"]);
    expect(grantableRoles("admin")).toEqual(["admin", "developer", "billing", "viewer"]);
    expect(grantableRoles("developer")).toEqual(["developer", "billing", "viewer"]);
  });

  it("lets nobody but an owner manage an owner", () => {
    expect(mayManage("admin", "owner")).toBe(false);
    expect(mayManage("owner", "owner")).toBe(true);
    expect(mayManage("admin", "admin")).toBe(true);
    expect(mayManage("developer", "admin")).toBe(false);
  });
});
