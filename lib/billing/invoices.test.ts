import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toJson } from "@/lib/db/json";
import type { Environment } from "@/lib/db/schema";
import { newId } from "@/lib/ids";
import type { BillingSummaryDto, InvoiceDto } from "@/lib/schemas/billing";
import {
  apiRequest,
  createTestKey,
  createTestOrganization,
  memberPrincipal,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { monthOf } from "@/lib/usage/time-buckets";
import { UsageWriter } from "@/lib/usage/usage-writer";
import { changePlan } from "./change-plan";
import { closePeriod } from "./close-period";
import { getBillingSummary } from "./get-billing-summary";

const SEPTEMBER = monthOf(new Date("2026-09-15T00:00:00Z"));
const CLOSE_AT = new Date("2026-10-01T00:15:00Z");

async function insertResource(
  runtime: TestRuntime,
  org: TestOrganization,
  input: {
    type: string;
    spec: Record<string, unknown>;
    activeAt: string;
    deletedAt?: string;
    environment?: Environment;
    resizedTo?: { at: string; spec: Record<string, unknown> };
  },
): Promise<string> {
  const id = newId("res");
  const environment = input.environment ?? "live";
  const spec = input.resizedTo ? input.resizedTo.spec : input.spec;
  await runtime.store.db
    .insertInto("resources")
    .values({
      id,
      organization_id: org.organizationId,
      project_id: org.projectId,
      environment,
      type: input.type as "instance",
      name: id,
      name_lower: id.toLowerCase(),
      status: input.deletedAt ? "deleted" : "active",
      region: "eu-west-1",
      spec: toJson(spec),
      labels: "{}",
      idempotency_key: null,
      lock_version: 1,
      created_at: input.activeAt,
      updated_at: input.activeAt,
      active_at: input.activeAt,
      deleted_at: input.deletedAt ?? null,
    })
    .execute();
  const event = (type: string, at: string, eventSpec: Record<string, unknown>) => ({
    id: newId("evt"),
    organization_id: org.organizationId,
    project_id: org.projectId,
    environment,
    type,
    object_id: id,
    data: toJson({ id, type: input.type, spec: eventSpec }),
    created_at: at,
  });
  const events = [event("resource.created", input.activeAt, input.spec)];
  if (input.resizedTo)
    events.push(event("instance.resized", input.resizedTo.at, input.resizedTo.spec));
  await runtime.store.db.insertInto("events").values(events).execute();
  return id;
}

/** Requests as the API's usage writer records them (raw rows and their minute rollup rows). */
async function insertRequests(
  runtime: TestRuntime,
  org: TestOrganization,
  count: number,
  ts: string,
  environment: Environment,
  keyId: string | null,
): Promise<void> {
  const writer = new UsageWriter(runtime.store.db, runtime.store.kind, runtime.logger, {
    intervalMs: 60_000,
  });
  for (let i = 0; i < count; i++) {
    writer.record({
      at: Date.parse(ts),
      organizationId: org.organizationId,
      projectId: org.projectId,
      environment,
      keyId,
      method: "GET",
      route: "/v1/regions",
      status: 200,
      latencyMs: 3,
      bytesIn: 0,
      bytesOut: 100,
    });
  }
  await writer.close();
}

describe.each(storeTargets())("monthly invoices on %s", (target) => {
  let runtime: TestRuntime;
  let org: TestOrganization;
  let switcher: TestOrganization;
  let billingKey: { id: string; secret: string };
  let invoice: InvoiceDto;

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    org = await createTestOrganization(runtime, "pro");
    switcher = await createTestOrganization(runtime, "free");
    for (const o of [org, switcher]) {
      await runtime.store.db
        .updateTable("organizations")
        .set({ created_at: "2026-08-01T00:00:00.000Z" })
        .where("id", "=", o.organizationId)
        .execute();
    }
    billingKey = await createTestKey(runtime, org, { scopes: ["billing:read"] });
    const sandboxKey = await createTestKey(runtime, org, { environment: "test" });

    // Alive across the month's end: 2 h in September, 3.5 h in October.
    await insertResource(runtime, org, {
      type: "instance",
      spec: { size: "s-1vcpu-2gb" },
      activeAt: "2026-09-30T22:00:00.000Z",
      deletedAt: "2026-10-01T03:30:00.000Z",
    });
    // Resized after 240 h, deleted 120 h later.
    await insertResource(runtime, org, {
      type: "instance",
      spec: { size: "s-1vcpu-1gb" },
      activeAt: "2026-09-10T00:00:00.000Z",
      deletedAt: "2026-09-25T00:00:00.000Z",
      resizedTo: { at: "2026-09-20T00:00:00.000Z", spec: { size: "s-2vcpu-4gb" } },
    });
    // 100 GB from 15 September on: 16 days = 384 h in September.
    await insertResource(runtime, org, {
      type: "volume",
      spec: { size_gb: 100 },
      activeAt: "2026-09-15T00:00:00.000Z",
    });
    // Sandbox resources and requests are counted in usage but never billed.
    await insertResource(runtime, org, {
      type: "instance",
      spec: { size: "s-8vcpu-16gb" },
      activeAt: "2026-09-01T00:00:00.000Z",
      environment: "test",
    });
    await insertRequests(runtime, org, 1000, "2026-09-10T12:00:00.000Z", "live", billingKey.id);
    await insertRequests(runtime, org, 3, "2026-09-30T23:59:59.999Z", "live", billingKey.id);
    await insertRequests(runtime, org, 2, "2026-10-01T00:00:00.000Z", "live", billingKey.id);
    await insertRequests(runtime, org, 500, "2026-09-12T00:00:00.000Z", "test", sandboxKey.id);
    await insertRequests(runtime, org, 50, "2026-09-12T00:00:00.000Z", "live", null);

    // The other organization moves from free to pro on 16 September at 00:00 UTC.
    await changePlan(
      {
        db: runtime.store.db,
        bus: runtime.bus,
        principal: memberPrincipal(switcher, "owner"),
        now: new Date("2026-09-16T00:00:00.000Z"),
      },
      { plan: "pro" },
    );

    expect(await closePeriod(runtime.store, SEPTEMBER, CLOSE_AT)).toBe(2);
    const list = await apiRequest(runtime, "GET", "/v1/billing/invoices", {
      key: billingKey.secret,
    });
    expect(list.status).toBe(200);
    const page = (await list.json()) as { data: InvoiceDto[]; meta: { total: number } };
    expect(page.meta.total).toBe(1);
    invoice = page.data[0]!;
  });
  afterAll(() => runtime.close());

  it("covers one UTC month and adds up exactly", () => {
    expect(invoice.period_start).toBe("2026-09-01T00:00:00.000Z");
    expect(invoice.period_end).toBe("2026-10-01T00:00:00.000Z");
    const sum = invoice.line_items.reduce((total, line) => total + line.amount_cents, 0);
    expect(invoice.total_cents).toBe(sum);
    expect(invoice.total_cents).toBe(4900 + 4 + 214 + 429);
  });

  it("bills live keyed requests and resources only, split at the month's end and at resizes", () => {
    const line = (metric: string, dimension = "") =>
      invoice.line_items.find((l) => l.metric === metric && l.dimension === dimension);
    expect(line("base_fee", "pro")).toMatchObject({ amount_cents: 4900, quantity: 1 });
    // 1000 + 3 at 23:59:59.999 on 30 September; not the 2 at midnight, the sandbox's or the portal's.
    expect(line("requests")).toMatchObject({ quantity: 1003, amount_cents: 0 });
    expect(line("instance_hours", "s-1vcpu-2gb")).toMatchObject({ quantity: 2, amount_cents: 4 });
    expect(line("instance_hours", "s-1vcpu-1gb")).toMatchObject({
      quantity: 240,
      amount_cents: 214,
    });
    expect(line("instance_hours", "s-2vcpu-4gb")).toMatchObject({
      quantity: 120,
      amount_cents: 429,
    });
    expect(line("instance_hours", "s-8vcpu-16gb")).toBeUndefined();
    expect(line("volume_gb_months")?.quantity).toBeCloseTo(38_400 / 730, 5);
    expect(line("volume_gb_months")?.amount_cents).toBe(0); // within 250 included GB-months
  });

  it("pro-rates a plan change to the second", async () => {
    const rows = await runtime.store.db
      .selectFrom("invoices")
      .innerJoin("invoice_line_items", "invoice_line_items.invoice_id", "invoices.id")
      .select(["invoice_line_items.dimension", "invoice_line_items.amount_cents"])
      .where("invoices.organization_id", "=", switcher.organizationId)
      .orderBy("invoice_line_items.position")
      .execute();
    expect(rows.map((r) => [r.dimension, Number(r.amount_cents)])).toEqual([
      ["free", 0],
      ["pro", 2450],
    ]);
  });

  it("downloads as CSV with the same total", async () => {
    for (const path of [
      `/v1/billing/invoices/${invoice.id}?format=csv`,
      `/v1/billing/invoices/${invoice.id}.csv`,
    ]) {
      const res = await apiRequest(runtime, "GET", path, { key: billingKey.secret });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/csv");
      const lines = (await res.text()).trim().split("\r\n");
      expect(lines).toHaveLength(invoice.line_items.length + 2);
      expect(lines.at(-1)).toContain(`,${invoice.total_cents},`);
    }
  });

  it("is issued once however often the period is closed", async () => {
    expect(await closePeriod(runtime.store, SEPTEMBER, new Date("2026-10-01T01:00:00Z"))).toBe(0);
    const count = await runtime.store.db
      .selectFrom("invoices")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  it("hides other organizations' invoices", async () => {
    const otherKey = await createTestKey(runtime, switcher, { scopes: ["billing:read"] });
    const res = await apiRequest(runtime, "GET", `/v1/billing/invoices/${invoice.id}`, {
      key: otherKey.secret,
    });
    expect(res.status).toBe(404);
  });

  it("counts October from its first millisecond in the month-to-date summary", async () => {
    const summary: BillingSummaryDto = await getBillingSummary({
      db: runtime.store.db,
      principal: memberPrincipal(org, "owner"),
      now: new Date("2026-10-01T12:00:00.000Z"),
    });
    expect(summary.period).toEqual({
      start: "2026-10-01T00:00:00.000Z",
      end: "2026-11-01T00:00:00.000Z",
    });
    const requests = summary.month_to_date.line_items.find((l) => l.metric === "requests");
    expect(requests?.quantity).toBe(2);
    const instance = summary.month_to_date.line_items.find((l) => l.dimension === "s-1vcpu-2gb");
    expect(instance?.quantity).toBe(3.5);
    expect(summary.forecast.total_cents).toBeGreaterThanOrEqual(summary.month_to_date.total_cents);
    expect(summary.month_to_date.total_cents).toBe(
      summary.month_to_date.line_items.reduce((s, l) => s + l.amount_cents, 0),
    );
  });
});
