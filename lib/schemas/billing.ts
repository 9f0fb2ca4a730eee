import { z } from "zod";
import { isoTimestamp } from "./common";
import { pageSchema, paginationQueryShape } from "./pagination";

export const planSchema = z
  .enum(["free", "pro", "enterprise"])
  .meta({ id: "Plan", example: "pro" });

export const priceSchema = z
  .object({
    id: z.string().meta({ example: "pro.instance_hours.s-1vcpu-1gb" }),
    plan: planSchema,
    service: z.string().meta({ example: "compute" }),
    metric: z.string().meta({ example: "instance_hours" }),
    dimension: z.string().meta({ description: "Instance size, or empty", example: "s-1vcpu-1gb" }),
    description: z.string().meta({ example: "Instance s-1vcpu-1gb" }),
    unit: z.string().meta({ example: "hour" }),
    unit_amount_cents: z
      .number()
      .int()
      .meta({ description: "Price of unit_quantity units, in cents", example: 893 }),
    unit_quantity: z.number().int().meta({ example: 1000 }),
    included_quantity: z
      .number()
      .meta({ description: "Units included in the plan each month", example: 0 }),
  })
  .meta({ id: "Price" });

export const planInfoSchema = z
  .object({
    id: planSchema,
    name: z.string().meta({ example: "Pro" }),
    description: z.string(),
    monthly_fee_cents: z.number().int().meta({ example: 4900 }),
    rate_limit_per_minute: z.number().int().meta({ example: 10000 }),
    sandbox_rate_limit_per_minute: z.number().int().meta({ example: 1000 }),
    included: z.array(
      z.object({
        metric: z.string(),
        description: z.string(),
        quantity: z.number(),
        unit: z.string(),
      }),
    ),
  })
  .meta({ id: "PlanInfo" });

export const priceListSchema = z
  .object({
    object: z.literal("price_list"),
    currency: z.literal("usd"),
    current_plan: planSchema,
    plans: z.array(planInfoSchema),
    data: z.array(priceSchema),
  })
  .meta({
    id: "PriceList",
    description:
      "Every plan with its fee, rate limit and included quantities, and every price. Requests are priced per 10,000 over the included quantity; resources per hour (by type and instance size); volumes per GB-month (730 hours).",
  });

export const lineItemSchema = z
  .object({
    service: z.string().meta({ example: "api" }),
    metric: z.string().meta({ example: "requests" }),
    dimension: z.string(),
    description: z.string().meta({ example: "API requests" }),
    quantity: z.number().meta({ description: "Units used", example: 5_234_111 }),
    unit: z.string().meta({ example: "request" }),
    unit_amount_cents: z.number().int().meta({ example: 40 }),
    unit_quantity: z.number().int().meta({ example: 10_000 }),
    included_quantity: z.number().meta({ example: 5_000_000 }),
    amount_cents: z.number().int().meta({ example: 936 }),
  })
  .meta({ id: "LineItem" });

const serviceTotalSchema = z
  .object({ service: z.string(), amount_cents: z.number().int() })
  .meta({ id: "ServiceTotal", example: { service: "compute", amount_cents: 2_140 } });

export const billingSummarySchema = z
  .object({
    object: z.literal("billing_summary"),
    organization_id: z.string(),
    plan: planSchema,
    plan_name: z.string(),
    rate_limit_per_minute: z.number().int(),
    currency: z.literal("usd"),
    period: z.object({ start: isoTimestamp, end: isoTimestamp }),
    as_of: isoTimestamp,
    month_to_date: z.object({
      total_cents: z.number().int(),
      by_service: z.array(serviceTotalSchema),
      line_items: z.array(lineItemSchema),
    }),
    forecast: z
      .object({
        total_cents: z.number().int(),
        by_service: z.array(serviceTotalSchema),
        line_items: z.array(lineItemSchema),
      })
      .meta({
        description:
          "To the period's end: requests at the month-to-date average rate, running resources kept running, the current plan's fee for the rest of the month",
      }),
    included: z.array(
      z.object({
        metric: z.string(),
        description: z.string(),
        unit: z.string(),
        included: z.number(),
        used: z.number(),
        remaining: z.number(),
      }),
    ),
    budget: z
      .object({
        amount_cents: z.number().int(),
        spent_ratio: z.number().meta({ description: "month-to-date / budget", example: 0.42 }),
      })
      .nullable(),
  })
  .meta({
    id: "BillingSummary",
    description:
      "The organization's live usage this UTC month, priced; sandbox traffic is never billed",
  });

export const invoiceSchema = z
  .object({
    id: z.string().meta({ example: "in_4fQ2xZk9LmP0aB7c" }),
    object: z.literal("invoice"),
    number: z.string().meta({ example: "ACME-DEMO-202610" }),
    organization_id: z.string(),
    plan: planSchema,
    currency: z.literal("usd"),
    status: z.literal("issued"),
    period_start: isoTimestamp,
    period_end: isoTimestamp,
    subtotal_cents: z.number().int(),
    total_cents: z
      .number()
      .int()
      .meta({ description: "Exactly the sum of the line items' amount_cents" }),
    line_items: z.array(lineItemSchema),
    created_at: isoTimestamp,
  })
  .meta({ id: "Invoice" });

export const invoiceListQuerySchema = z.object(paginationQueryShape);
export const invoiceListSchema = pageSchema(invoiceSchema, "InvoiceList");
export const invoiceIdParamSchema = z.object({
  id: z
    .string()
    .regex(/^in_[A-Za-z0-9]{1,64}(\.csv)?$/, { message: "must be an invoice id (in_...)" })
    .meta({ param: { name: "id", in: "path" }, example: "in_4fQ2xZk9LmP0aB7c" }),
});
export const invoiceFormatQuerySchema = z.object({
  format: z
    .enum(["json", "csv"])
    .optional()
    .meta({ description: "csv answers text/csv (also: /v1/billing/invoices/{id}.csv)" }),
});

export const changePlanBodySchema = z
  .strictObject({ plan: planSchema })
  .meta({ id: "ChangePlanRequest" });

export const planChangeSchema = z
  .object({
    object: z.literal("plan_change"),
    organization_id: z.string(),
    from: planSchema,
    to: planSchema,
    changed: z.boolean().meta({ description: "false when the plan already was `to`" }),
    changed_at: isoTimestamp,
    changed_by: z.string().nullable().meta({ description: "The member's user id" }),
    rate_limit_per_minute: z
      .number()
      .int()
      .meta({ description: "The live limit from the next request on" }),
  })
  .meta({ id: "PlanChange" });

export const budgetAlertSchema = z
  .object({
    period: z.string().meta({ example: "2026-11" }),
    threshold: z.number().int().meta({ example: 75 }),
    budget_cents: z.number().int(),
    spend_cents: z.number().int(),
    created_at: isoTimestamp,
    emails: z.array(
      z.object({
        id: z.string(),
        to: z.string(),
        status: z.enum(["stored", "sent", "failed"]),
      }),
    ),
  })
  .meta({ id: "BudgetAlert" });

export const budgetSchema = z
  .object({
    object: z.literal("budget"),
    organization_id: z.string(),
    amount_cents: z.number().int().nullable().meta({ description: "null: no budget set" }),
    thresholds: z.array(z.number().int()).meta({ example: [50, 75, 100] }),
    period: z.string().meta({ example: "2026-11" }),
    spend_cents: z.number().int().meta({ description: "Month-to-date" }),
    alerts: z.array(budgetAlertSchema).meta({ description: "Alerts sent this period" }),
    updated_at: isoTimestamp.nullable(),
  })
  .meta({ id: "Budget" });

export const setBudgetBodySchema = z
  .strictObject({
    amount_cents: z
      .number()
      .int({ message: "must be a whole number of cents" })
      .min(100, { message: "must be at least 100 (one dollar)" })
      .max(100_000_000_00, { message: "must be at most 10,000,000,000 cents" })
      .meta({ example: 50_000 }),
  })
  .meta({ id: "SetBudgetRequest" });

export type PriceListDto = z.infer<typeof priceListSchema>;
export type BillingSummaryDto = z.infer<typeof billingSummarySchema>;
export type InvoiceDto = z.infer<typeof invoiceSchema>;
export type LineItemDto = z.infer<typeof lineItemSchema>;
export type PlanChangeDto = z.infer<typeof planChangeSchema>;
export type BudgetDto = z.infer<typeof budgetSchema>;
