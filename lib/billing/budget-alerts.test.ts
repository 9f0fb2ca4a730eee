import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/db/schema";
import { newId } from "@/lib/ids";
import {
  createTestOrganization,
  memberPrincipal,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { checkBudgets } from "./budget-alerts";
import { getBudget, setBudget } from "./budgets";

const DAY = 86_400_000;
const NOVEMBER = Date.parse("2026-11-01T00:00:00.000Z");
const at = (days: number, base = NOVEMBER) => new Date(base + days * DAY);

async function addMember(runtime: TestRuntime, org: TestOrganization, role: Role): Promise<string> {
  const id = newId("usr");
  const now = new Date().toISOString();
  await runtime.store.db
    .insertInto("users")
    .values({
      id,
      email: `${role}-${id.toLowerCase()}@example.test`,
      name: role,
      password_hash: null,
      github_id: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await runtime.store.db
    .insertInto("memberships")
    .values({
      id: newId("mem"),
      organization_id: org.organizationId,
      user_id: id,
      role,
      created_at: now,
    })
    .execute();
  return `${role}-${id.toLowerCase()}@example.test`;
}

describe.each(storeTargets())("budget alerts on %s", (target) => {
  let runtime: TestRuntime;
  let org: TestOrganization;
  let billingEmail: string;

  const fired = (days: number, base = NOVEMBER) =>
    checkBudgets(runtime.store.db, at(days, base), { deliver: false });

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    org = await createTestOrganization(runtime, "pro");
    await runtime.store.db
      .updateTable("organizations")
      .set({ created_at: "2026-08-01T00:00:00.000Z" })
      .where("id", "=", org.organizationId)
      .execute();
    billingEmail = await addMember(runtime, org, "billing");
    await addMember(runtime, org, "developer");
    // $10 a month; the pro fee alone ($49 a month) accrues $1.633 a day.
    await setBudget(
      {
        db: runtime.store.db,
        bus: runtime.bus,
        principal: memberPrincipal(org, "owner"),
        now: at(0),
      },
      { amountCents: 1000 },
    );
  });
  afterAll(() => runtime.close());

  it("fires each threshold once per month, to owners and billing members", async () => {
    expect(await fired(3)).toBe(0); // 490 cents: 49%
    expect(await fired(3.1)).toBe(1); // 506: 50%
    expect(await fired(3.1)).toBe(0);
    expect(await fired(3.2)).toBe(0);
    expect(await fired(5)).toBe(1); // 816: 75%
    const [a, b] = await Promise.all([fired(7), fired(7)]); // 1143: 100%, two checkers at once
    expect(a + b).toBe(1);
    expect(await fired(20)).toBe(0);

    const alerts = await runtime.store.db
      .selectFrom("budget_alerts")
      .selectAll()
      .where("organization_id", "=", org.organizationId)
      .orderBy("threshold")
      .execute();
    expect(alerts.map((r) => [r.period, r.threshold])).toEqual([
      ["2026-11", 50],
      ["2026-11", 75],
      ["2026-11", 100],
    ]);
    const mails = await runtime.store.db
      .selectFrom("emails")
      .selectAll()
      .where("organization_id", "=", org.organizationId)
      .execute();
    expect(mails).toHaveLength(6); // owner + billing member, three times; not the developer
    expect(new Set(mails.map((m) => m.status))).toEqual(new Set(["stored"]));
    expect(mails.filter((m) => m.to_address === billingEmail)).toHaveLength(3);
    expect(mails.some((m) => m.subject.includes("75%"))).toBe(true);
  });

  it("starts again in the next month", async () => {
    expect(await fired(7, Date.parse("2026-12-01T00:00:00.000Z"))).toBe(3);
  });

  it("shows the budget, spend and this month's alerts", async () => {
    const budget = await getBudget({
      db: runtime.store.db,
      principal: memberPrincipal(org, "billing"),
      now: at(8),
    });
    expect(budget).toMatchObject({
      amount_cents: 1000,
      period: "2026-11",
      thresholds: [50, 75, 100],
    });
    expect(budget.alerts.map((a) => a.threshold)).toEqual([50, 75, 100]);
    expect(budget.alerts[0]!.emails).toHaveLength(2);
    expect(budget.spend_cents).toBe(Math.round((4900 * 8) / 30));
  });

  it("can only be set by owners and billing members", async () => {
    await expect(
      setBudget(
        {
          db: runtime.store.db,
          bus: runtime.bus,
          principal: memberPrincipal(org, "admin"),
          now: at(1),
        },
        { amountCents: 5000 },
      ),
    ).rejects.toMatchObject({ status: 403 });
  });
});
