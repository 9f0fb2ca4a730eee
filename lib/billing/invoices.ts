import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import type { InvoiceLineItemsTable, InvoicesTable } from "@/lib/db/schema-billing";
import { notFound } from "@/lib/errors";
import { toCsv } from "@/lib/http/csv";
import { newId } from "@/lib/ids";
import { newestFirstWindow } from "@/lib/pagination/keyset";
import { type ListQuery, type Page, toPage } from "@/lib/pagination/list-query";
import { type DomainContext, requireScope } from "@/lib/principal";
import type { InvoiceDto, LineItemDto } from "@/lib/schemas/billing";
import { inUsageSnapshot } from "@/lib/usage/get-usage";
import type { MonthPeriod } from "@/lib/usage/time-buckets";
import { chargesUpTo } from "./period-charges";
import type { PriceRow } from "./price-list";

function lineDto(row: InvoiceLineItemsTable): LineItemDto {
  return {
    service: row.service,
    metric: row.metric,
    dimension: row.dimension,
    description: row.description,
    quantity: Number(row.quantity),
    unit: row.unit,
    unit_amount_cents: Number(row.unit_amount_cents),
    unit_quantity: Number(row.unit_quantity),
    included_quantity: Number(row.included_quantity),
    amount_cents: Number(row.amount_cents),
  };
}

function invoiceDto(row: InvoicesTable, lines: InvoiceLineItemsTable[]): InvoiceDto {
  return {
    id: row.id,
    object: "invoice",
    number: row.number,
    organization_id: row.organization_id,
    plan: row.plan,
    currency: "usd",
    status: row.status,
    period_start: row.period_start,
    period_end: row.period_end,
    subtotal_cents: Number(row.subtotal_cents),
    total_cents: Number(row.total_cents),
    line_items: lines.map(lineDto),
    created_at: row.created_at,
  };
}

/**
 * Issues the organization's invoice for a closed period, once: the unique (organization,
 * period_start) key makes a second run (or a second instance) a no-op. Usage must already be
 * rolled up past the period's end (the closing job makes sure). Returns the invoice id, or null
 * when it already existed.
 */
export async function issueInvoice(
  db: Kysely<Database>,
  organizationId: string,
  period: MonthPeriod,
  prices: readonly PriceRow[],
  now: Date,
): Promise<string | null> {
  return inUsageSnapshot(db, async (trx) => {
    const existing = await trx
      .selectFrom("invoices")
      .select("id")
      .where("organization_id", "=", organizationId)
      .where("period_start", "=", period.start.toISOString())
      .executeTakeFirst();
    if (existing) return null;
    const org = await trx
      .selectFrom("organizations")
      .select("slug")
      .where("id", "=", organizationId)
      .executeTakeFirstOrThrow();
    const { charges, plan } = await chargesUpTo(trx, organizationId, period, period.end, prices);
    const id = newId("in");
    const inserted = await trx
      .insertInto("invoices")
      .values({
        id,
        organization_id: organizationId,
        number: `${org.slug.toUpperCase()}-${period.key.replace("-", "")}`,
        period_start: period.start.toISOString(),
        period_end: period.end.toISOString(),
        plan,
        currency: "usd",
        status: "issued",
        subtotal_cents: charges.total_cents,
        total_cents: charges.total_cents,
        created_at: now.toISOString(),
      })
      .onConflict((oc) => oc.columns(["organization_id", "period_start"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return null;
    if (charges.lines.length > 0) {
      await trx
        .insertInto("invoice_line_items")
        .values(
          charges.lines.map((line, position) => ({
            id: newId("ili"),
            invoice_id: id,
            position,
            ...line,
          })),
        )
        .execute();
    }
    return id;
  });
}

async function linesOf(
  db: Kysely<Database>,
  invoiceIds: string[],
): Promise<Map<string, InvoiceLineItemsTable[]>> {
  const byInvoice = new Map<string, InvoiceLineItemsTable[]>();
  if (invoiceIds.length === 0) return byInvoice;
  const rows = await db
    .selectFrom("invoice_line_items")
    .selectAll()
    .where("invoice_id", "in", invoiceIds)
    .orderBy("invoice_id")
    .orderBy("position")
    .execute();
  for (const row of rows) {
    const list = byInvoice.get(row.invoice_id) ?? [];
    list.push(row);
    byInvoice.set(row.invoice_id, list);
  }
  return byInvoice;
}

/** The organization's invoices, newest first (billing is per organization, not per project). */
export async function listInvoices(
  ctx: DomainContext,
  query: ListQuery,
): Promise<Page<InvoiceDto>> {
  requireScope(ctx.principal, "billing:read");
  const base = ctx.db
    .selectFrom("invoices")
    .where("organization_id", "=", ctx.principal.organizationId);
  const rowsQuery = newestFirstWindow(base.selectAll(), "invoices", query);
  const rows = await rowsQuery.execute();
  const count = await base
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .executeTakeFirstOrThrow();
  const page = toPage(rows, query, Number(count.total));
  const lines = await linesOf(
    ctx.db,
    page.data.map((r) => r.id),
  );
  return {
    data: page.data.map((row) => invoiceDto(row, lines.get(row.id) ?? [])),
    meta: page.meta,
  };
}

/** One invoice of the caller's organization; another organization's answers 404. */
export async function getInvoice(ctx: DomainContext, id: string): Promise<InvoiceDto> {
  requireScope(ctx.principal, "billing:read");
  const row = await ctx.db
    .selectFrom("invoices")
    .selectAll()
    .where("id", "=", id)
    .where("organization_id", "=", ctx.principal.organizationId)
    .executeTakeFirst();
  if (!row) throw notFound(`Invoice ${id}`);
  const lines = await linesOf(ctx.db, [row.id]);
  return invoiceDto(row, lines.get(row.id) ?? []);
}

const dollars = (cents: number) => (cents / 100).toFixed(2);

/** The invoice as CSV: one row per line item, then the total. */
export function invoiceCsv(invoice: InvoiceDto): string {
  const rows: Array<Array<string | number | null>> = [
    [
      "invoice",
      "period_start",
      "period_end",
      "service",
      "description",
      "quantity",
      "unit",
      "included_quantity",
      "unit_price_usd",
      "per_units",
      "amount_cents",
      "amount_usd",
    ],
  ];
  for (const line of invoice.line_items) {
    rows.push([
      invoice.number,
      invoice.period_start,
      invoice.period_end,
      line.service,
      line.description,
      line.quantity,
      line.unit,
      line.included_quantity,
      dollars(line.unit_amount_cents),
      line.unit_quantity,
      line.amount_cents,
      dollars(line.amount_cents),
    ]);
  }
  rows.push([
    invoice.number,
    invoice.period_start,
    invoice.period_end,
    "total",
    "Total",
    null,
    null,
    null,
    null,
    null,
    invoice.total_cents,
    dollars(invoice.total_cents),
  ]);
  return toCsv(rows);
}
