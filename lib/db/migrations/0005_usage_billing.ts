import type { CreateTableBuilder, Kysely, Migration } from "kysely";

// Frozen copies (a shipped migration never changes): 36 latency histogram columns h00..h35 (see
// lib/usage/histogram.ts) and the launch price list.
const HISTOGRAM_COLUMNS = Array.from({ length: 36 }, (_, i) => `h${String(i).padStart(2, "0")}`);

const PLAN_TERMS = [
  // plan, monthly fee, requests included, cents per 10,000 requests over, GB-months included
  ["free", 0, 100_000, 50, 5],
  ["pro", 4_900, 5_000_000, 40, 250],
  ["enterprise", 49_900, 100_000_000, 20, 2_000],
] as const;

// Resource prices per 1,000 hours (cents), the same on every plan.
const INSTANCE_PRICES = [
  ["s-1vcpu-1gb", 893],
  ["s-1vcpu-2gb", 1_786],
  ["s-2vcpu-4gb", 3_571],
  ["s-4vcpu-8gb", 7_143],
  ["s-8vcpu-16gb", 14_286],
] as const;

function priceSeed() {
  const rows: Array<Record<string, string | number>> = [];
  for (const [plan, fee, includedRequests, requestPrice, includedStorage] of PLAN_TERMS) {
    let position = 0;
    const add = (
      service: string,
      metric: string,
      dimension: string,
      description: string,
      unit: string,
      unitAmountCents: number,
      unitQuantity: number,
      includedQuantity: number,
    ) => {
      rows.push({
        id: [plan, metric, dimension].filter(Boolean).join("."),
        plan,
        service,
        metric,
        dimension,
        description,
        unit,
        unit_amount_cents: unitAmountCents,
        unit_quantity: unitQuantity,
        included_quantity: includedQuantity,
        position: position++,
      });
    };
    const title = `${plan[0]?.toUpperCase()}${plan.slice(1)}`;
    add("platform", "base_fee", "", `${title} plan`, "month", fee, 1, 0);
    add("api", "requests", "", "API requests", "request", requestPrice, 10_000, includedRequests);
    for (const [size, cents] of INSTANCE_PRICES) {
      add("compute", "instance_hours", size, `Instance ${size}`, "hour", cents, 1_000, 0);
    }
    add("storage", "volume_gb_months", "", "Volume storage", "GB-month", 10, 1, includedStorage);
    add("storage", "bucket_hours", "", "Buckets", "hour", 685, 1_000, 0);
    add("network", "load_balancer_hours", "", "Load balancers", "hour", 1_644, 1_000, 0);
    add("network", "network_hours", "", "Networks (VPC)", "hour", 0, 1_000, 0);
  }
  return rows;
}

function withMeasures<T extends string, C extends string>(
  table: CreateTableBuilder<T, C>,
): CreateTableBuilder<T, C> {
  let builder = table
    .addColumn("requests", "bigint", (c) => c.notNull())
    .addColumn("throttled", "bigint", (c) => c.notNull())
    .addColumn("latency_sum_ms", "double precision", (c) => c.notNull())
    .addColumn("bytes_in", "bigint", (c) => c.notNull())
    .addColumn("bytes_out", "bigint", (c) => c.notNull());
  for (const column of HISTOGRAM_COLUMNS) {
    builder = builder.addColumn(column, "bigint", (c) => c.notNull().defaultTo(0));
  }
  return builder as CreateTableBuilder<T, C>;
}

/**
 * Usage rollups (requests and resource time), metering watermarks, the price list with plan
 * quotas, invoices with line items, and budgets with their alerts.
 *
 * Rollup keys start with (project_id, environment, granularity, bucket): every read filters by
 * project and environment and a time range, so a 30-day series is one index range.
 */
export const usageBilling: Migration = {
  async up(db: Kysely<unknown>) {
    await withMeasures(
      db.schema
        .createTable("usage_rollups")
        .addColumn("granularity", "text", (c) => c.notNull())
        .addColumn("bucket", "text", (c) => c.notNull())
        .addColumn("organization_id", "text", (c) => c.notNull())
        .addColumn("project_id", "text", (c) => c.notNull())
        .addColumn("environment", "text", (c) => c.notNull())
        .addColumn("key_id", "text", (c) => c.notNull())
        .addColumn("method", "text", (c) => c.notNull())
        .addColumn("route", "text", (c) => c.notNull())
        .addColumn("status_class", "integer", (c) => c.notNull()),
    )
      .addPrimaryKeyConstraint("usage_rollups_pk", [
        "project_id",
        "environment",
        "granularity",
        "bucket",
        "key_id",
        "method",
        "route",
        "status_class",
      ])
      .execute();
    // The rollup job rewrites bucket ranges across all projects; billing reads per organization.
    await db.schema
      .createIndex("usage_rollups_granularity_bucket")
      .on("usage_rollups")
      .columns(["granularity", "bucket"])
      .execute();
    await db.schema
      .createIndex("usage_rollups_org")
      .on("usage_rollups")
      .columns(["organization_id", "granularity", "bucket"])
      .execute();

    await withMeasures(
      db.schema
        .createTable("usage_status_rollups")
        .addColumn("granularity", "text", (c) => c.notNull())
        .addColumn("bucket", "text", (c) => c.notNull())
        .addColumn("organization_id", "text", (c) => c.notNull())
        .addColumn("project_id", "text", (c) => c.notNull())
        .addColumn("environment", "text", (c) => c.notNull())
        .addColumn("status_class", "integer", (c) => c.notNull()),
    )
      .addPrimaryKeyConstraint("usage_status_rollups_pk", [
        "project_id",
        "environment",
        "granularity",
        "bucket",
        "status_class",
      ])
      .execute();
    await db.schema
      .createIndex("usage_status_rollups_granularity_bucket")
      .on("usage_status_rollups")
      .columns(["granularity", "bucket"])
      .execute();

    await db.schema
      .createTable("resource_usage_rollups")
      .addColumn("granularity", "text", (c) => c.notNull())
      .addColumn("bucket", "text", (c) => c.notNull())
      .addColumn("organization_id", "text", (c) => c.notNull())
      .addColumn("project_id", "text", (c) => c.notNull())
      .addColumn("environment", "text", (c) => c.notNull())
      .addColumn("resource_type", "text", (c) => c.notNull())
      .addColumn("size", "text", (c) => c.notNull())
      .addColumn("region", "text", (c) => c.notNull())
      .addColumn("resource_seconds", "bigint", (c) => c.notNull())
      .addColumn("gb_seconds", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("resource_usage_rollups_pk", [
        "project_id",
        "environment",
        "granularity",
        "bucket",
        "resource_type",
        "size",
        "region",
      ])
      .execute();
    await db.schema
      .createIndex("resource_usage_rollups_granularity_bucket")
      .on("resource_usage_rollups")
      .columns(["granularity", "bucket"])
      .execute();
    await db.schema
      .createIndex("resource_usage_rollups_org")
      .on("resource_usage_rollups")
      .columns(["organization_id", "granularity", "bucket"])
      .execute();

    await db.schema
      .createTable("metering_state")
      .addColumn("name", "text", (c) => c.primaryKey())
      .addColumn("watermark", "text")
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    // The rows exist from the start so the job can lock them (SELECT ... FOR UPDATE).
    const at = new Date().toISOString();
    await db
      .insertInto("metering_state" as never)
      .values([
        { name: "requests", watermark: null, updated_at: at },
        { name: "resources", watermark: null, updated_at: at },
      ] as never)
      .execute();

    await db.schema
      .createTable("prices")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("plan", "text", (c) => c.notNull())
      .addColumn("service", "text", (c) => c.notNull())
      .addColumn("metric", "text", (c) => c.notNull())
      .addColumn("dimension", "text", (c) => c.notNull())
      .addColumn("description", "text", (c) => c.notNull())
      .addColumn("unit", "text", (c) => c.notNull())
      .addColumn("unit_amount_cents", "bigint", (c) => c.notNull())
      .addColumn("unit_quantity", "bigint", (c) => c.notNull())
      .addColumn("included_quantity", "bigint", (c) => c.notNull())
      .addColumn("position", "integer", (c) => c.notNull())
      .addUniqueConstraint("prices_plan_metric_dimension", ["plan", "metric", "dimension"])
      .execute();
    await db
      .insertInto("prices" as never)
      .values(priceSeed() as never)
      .execute();

    await db.schema
      .createTable("invoices")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("organization_id", "text", (c) => c.notNull())
      .addColumn("number", "text", (c) => c.notNull())
      .addColumn("period_start", "text", (c) => c.notNull())
      .addColumn("period_end", "text", (c) => c.notNull())
      .addColumn("plan", "text", (c) => c.notNull())
      .addColumn("currency", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("subtotal_cents", "bigint", (c) => c.notNull())
      .addColumn("total_cents", "bigint", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      // One invoice per organization and period, however often the closing job runs.
      .addUniqueConstraint("invoices_org_period", ["organization_id", "period_start"])
      .execute();
    await db.schema
      .createIndex("invoices_org_created")
      .on("invoices")
      .columns(["organization_id", "created_at", "id"])
      .execute();

    await db.schema
      .createTable("invoice_line_items")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("invoice_id", "text", (c) => c.notNull().references("invoices.id"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("service", "text", (c) => c.notNull())
      .addColumn("metric", "text", (c) => c.notNull())
      .addColumn("dimension", "text", (c) => c.notNull())
      .addColumn("description", "text", (c) => c.notNull())
      .addColumn("quantity", "double precision", (c) => c.notNull())
      .addColumn("unit", "text", (c) => c.notNull())
      .addColumn("unit_amount_cents", "bigint", (c) => c.notNull())
      .addColumn("unit_quantity", "bigint", (c) => c.notNull())
      .addColumn("included_quantity", "double precision", (c) => c.notNull())
      .addColumn("amount_cents", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("invoice_line_items_invoice")
      .on("invoice_line_items")
      .columns(["invoice_id", "position"])
      .execute();

    await db.schema
      .createTable("budgets")
      .addColumn("organization_id", "text", (c) => c.primaryKey())
      .addColumn("amount_cents", "bigint", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("updated_by", "text")
      .execute();

    await db.schema
      .createTable("budget_alerts")
      .addColumn("organization_id", "text", (c) => c.notNull())
      .addColumn("period", "text", (c) => c.notNull())
      .addColumn("threshold", "integer", (c) => c.notNull())
      .addColumn("budget_cents", "bigint", (c) => c.notNull())
      .addColumn("spend_cents", "bigint", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("budget_alerts_pk", ["organization_id", "period", "threshold"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of [
      "budget_alerts",
      "budgets",
      "invoice_line_items",
      "invoices",
      "prices",
      "metering_state",
      "resource_usage_rollups",
      "usage_status_rollups",
      "usage_rollups",
    ]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
