import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Kysely } from "kysely";
import { deleteBudget, getBudget, setBudget } from "@/lib/billing/budgets";
import { changePlan } from "@/lib/billing/change-plan";
import { getBillingSummary } from "@/lib/billing/get-billing-summary";
import { getPriceList } from "@/lib/billing/get-prices";
import { getInvoice, invoiceCsv, listInvoices } from "@/lib/billing/invoices";
import type { Bus } from "@/lib/bus";
import type { Database } from "@/lib/db/schema";
import { parseListQuery } from "@/lib/pagination/list-query";
import {
  billingSummarySchema,
  budgetSchema,
  changePlanBodySchema,
  invoiceFormatQuerySchema,
  invoiceIdParamSchema,
  invoiceListQuerySchema,
  invoiceListSchema,
  invoiceSchema,
  planChangeSchema,
  priceListSchema,
  setBudgetBodySchema,
} from "@/lib/schemas/billing";
import type { ApiEnv } from "../env";
import {
  commonErrorResponses,
  contextOf,
  csvAsked,
  jsonContent,
  jsonOrCsvContent,
  jsonRequestBody,
  noContent,
  notFoundResponse,
  security,
  sendCsv,
  sendJson,
  validationResponse,
} from "../route-kit";

export interface BillingRouteDeps {
  db: Kysely<Database>;
  bus: Bus;
  now: () => Date;
}

const TAGS = ["Billing"];
const MANAGE =
  "Needs the billing:manage permission: an owner or billing member signed in to the dashboard (through its proxy). API keys cannot hold it and get 403.";

const summaryRoute = createRoute({
  method: "get",
  path: "/billing/summary",
  tags: TAGS,
  summary: "Get the billing summary",
  description:
    "The plan, this UTC month's live usage priced so far (by service and line item), the forecast to the month's end, the plan's included quantities used, and the budget. Sandbox usage is never billed.",
  security,
  "x-required-scope": "billing:read",
  responses: { 200: jsonContent(billingSummarySchema, "The summary"), ...commonErrorResponses },
});

const pricesRoute = createRoute({
  method: "get",
  path: "/billing/prices",
  tags: TAGS,
  summary: "List plans and prices",
  security,
  "x-required-scope": "billing:read",
  responses: { 200: jsonContent(priceListSchema, "Plans and prices"), ...commonErrorResponses },
});

const listInvoicesRoute = createRoute({
  method: "get",
  path: "/billing/invoices",
  tags: TAGS,
  summary: "List invoices",
  description:
    "The organization's monthly invoices, newest first. An invoice is issued shortly after each UTC month ends; its total is exactly the sum of its line items (integer cents).",
  security,
  "x-required-scope": "billing:read",
  request: { query: invoiceListQuerySchema },
  responses: { 200: jsonContent(invoiceListSchema, "A page of invoices"), ...commonErrorResponses },
});

const getInvoiceRoute = createRoute({
  method: "get",
  path: "/billing/invoices/{id}",
  tags: TAGS,
  summary: "Get an invoice",
  description:
    "One invoice with its line items. `?format=csv` (or the id followed by `.csv`) answers text/csv: one row per line item and a total row.",
  security,
  "x-required-scope": "billing:read",
  request: { params: invoiceIdParamSchema, query: invoiceFormatQuerySchema },
  responses: {
    200: jsonOrCsvContent(invoiceSchema, "The invoice"),
    ...notFoundResponse,
    ...commonErrorResponses,
  },
});

const changePlanRoute = createRoute({
  method: "post",
  path: "/billing/plan",
  tags: TAGS,
  summary: "Change the plan",
  description: `Moves the organization to another plan at once (no payment is taken; the fee is pro-rated to the second on the next invoice). The new rate limit applies from the next request on every instance. The change, its time and the member are recorded in the audit log. ${MANAGE}`,
  security,
  "x-required-scope": "billing:manage",
  request: { body: jsonRequestBody(changePlanBodySchema) },
  responses: {
    200: jsonContent(
      planChangeSchema,
      "The change (changed: false if the plan already was the one asked for)",
    ),
    ...validationResponse,
    ...commonErrorResponses,
  },
});

const getBudgetRoute = createRoute({
  method: "get",
  path: "/billing/budget",
  tags: TAGS,
  summary: "Get the monthly budget",
  description:
    "The organization's monthly budget, this month's spend, and the alerts sent this month (at 50, 75 and 100%, each once per month, by e-mail to owners and billing members).",
  security,
  "x-required-scope": "billing:read",
  responses: { 200: jsonContent(budgetSchema, "The budget"), ...commonErrorResponses },
});

const setBudgetRoute = createRoute({
  method: "put",
  path: "/billing/budget",
  tags: TAGS,
  summary: "Set the monthly budget",
  description: `Sets (or replaces) the monthly budget in cents. ${MANAGE}`,
  security,
  "x-required-scope": "billing:manage",
  request: { body: jsonRequestBody(setBudgetBodySchema) },
  responses: {
    200: jsonContent(budgetSchema, "The budget"),
    ...validationResponse,
    ...commonErrorResponses,
  },
});

const deleteBudgetRoute = createRoute({
  method: "delete",
  path: "/billing/budget",
  tags: TAGS,
  summary: "Remove the monthly budget",
  description: `No budget, no alerts. ${MANAGE}`,
  security,
  "x-required-scope": "billing:manage",
  responses: { 204: { description: "Removed (or there was none)" }, ...commonErrorResponses },
});

export function registerBillingRoutes(app: OpenAPIHono<ApiEnv>, deps: BillingRouteDeps): void {
  const bus = { bus: deps.bus };

  app.openapi(summaryRoute, async (c) =>
    sendJson(c, await getBillingSummary(contextOf(c, deps, bus)), 200),
  );

  app.openapi(pricesRoute, async (c) =>
    sendJson(c, await getPriceList(contextOf(c, deps, bus)), 200),
  );

  app.openapi(listInvoicesRoute, async (c) => {
    const page = await listInvoices(contextOf(c, deps, bus), parseListQuery(c.req.valid("query")));
    return sendJson(c, page, 200);
  });

  app.openapi(getInvoiceRoute, async (c) => {
    const asked = csvAsked(c.req.valid("query").format, c.req.valid("param").id);
    const invoice = await getInvoice(contextOf(c, deps, bus), asked.id);
    if (asked.csv) return sendCsv(c, invoiceCsv(invoice), `invoice-${invoice.number}`);
    return sendJson(c, invoice, 200);
  });

  app.openapi(changePlanRoute, async (c) => {
    const change = await changePlan(contextOf(c, deps, bus), { plan: c.req.valid("json").plan });
    return sendJson(c, change, 200);
  });

  app.openapi(getBudgetRoute, async (c) =>
    sendJson(c, await getBudget(contextOf(c, deps, bus)), 200),
  );

  app.openapi(setBudgetRoute, async (c) => {
    const budget = await setBudget(contextOf(c, deps, bus), {
      amountCents: c.req.valid("json").amount_cents,
    });
    return sendJson(c, budget, 200);
  });

  app.openapi(deleteBudgetRoute, async (c) => {
    await deleteBudget(contextOf(c, deps, bus));
    return noContent(c);
  });
}
