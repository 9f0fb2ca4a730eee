import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/lib/runtime";
import type { UsageDto } from "@/lib/schemas/usage";
import { memberPrincipal } from "@/lib/testing/fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { getUsage } from "@/lib/usage/get-usage";
import { getBudget } from "./budgets";

describe.each(storeTargets())("the demo account's usage and billing on %s", (target) => {
  let runtime: TestRuntime;
  let account: NonNullable<Awaited<ReturnType<typeof seedDemo>>>;

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    const seeded = await seedDemo(runtime);
    if (!seeded) throw new Error("the store was not empty");
    account = seeded;
  });
  afterAll(() => runtime.close());

  it("has a month of traffic, last month's invoice and a budget alert", async () => {
    const org = {
      userId: account.userId,
      organizationId: account.organizationId,
      projectId: account.projectId,
      slug: "acme-demo",
      plan: "pro" as const,
    };
    const usage: UsageDto = await getUsage(
      { db: runtime.store.db, principal: memberPrincipal(org, "owner"), now: runtime.now() },
      { granularity: "day", group_by: "status" },
    );
    expect("requests" in usage.totals && usage.totals.requests).toBeGreaterThan(1000);
    const invoices = await runtime.store.db
      .selectFrom("invoices")
      .selectAll()
      .where("organization_id", "=", account.organizationId)
      .execute();
    expect(invoices).toHaveLength(1);
    expect(Number(invoices[0]!.total_cents)).toBeGreaterThanOrEqual(4900);
    const budget = await getBudget({
      db: runtime.store.db,
      principal: memberPrincipal(org, "owner"),
      now: runtime.now(),
    });
    expect(budget.amount_cents).toBeGreaterThanOrEqual(100);
    expect(budget.alerts.map((a) => a.threshold)).toContain(50);
  });
});
