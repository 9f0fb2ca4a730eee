import { describe, expect, it } from "vitest";
import { allowedActions } from "./deployment-controls";
import { deploymentInputOf, emptyDeploymentForm, formErrorsOf } from "./deployment-form";

describe("the deployment form", () => {
  it("builds one rolling wave per region in the order picked, with bake and approval", () => {
    const built = deploymentInputOf({
      ...emptyDeploymentForm(),
      service: "web",
      count: "3",
      regions: ["eu-west-1", "us-east-1"],
      waves: { "us-east-1": { bake: "30", approval: true } },
    });
    expect(built.errors).toBeNull();
    expect(built.input?.template.count).toBe(3);
    expect(built.input?.strategy).toEqual({
      type: "rolling",
      waves: [
        { regions: ["eu-west-1"], bake_seconds: 0 },
        { regions: ["us-east-1"], bake_seconds: 30, approval: { required: true } },
      ],
    });
  });

  it("names the fields to fix before asking the API, and maps the API's field names", () => {
    const built = deploymentInputOf({ ...emptyDeploymentForm(), service: "Web", count: "0" });
    expect(Object.keys(built.errors ?? {}).sort()).toEqual(["count", "regions", "service"]);
    expect(
      formErrorsOf([
        { field: "strategy.waves.1.bake_seconds", message: "too long" },
        { field: "regions.0", message: "unknown region mars-1" },
      ]),
    ).toEqual({ bake: "too long", regions: "unknown region mars-1" });
  });

  it("offers approve only to a member who did not create the deployment", () => {
    const waiting = { status: "awaiting_approval" as const, created_by: "usr_a" };
    expect(allowedActions(waiting, true, "usr_a")).not.toContain("approve");
    expect(allowedActions(waiting, true, "usr_b")).toContain("approve");
    expect(allowedActions(waiting, false, "usr_b")).toEqual([]);
    expect(allowedActions({ status: "canceled", created_by: "usr_a" }, true, "usr_b")).toEqual([]);
  });
});
