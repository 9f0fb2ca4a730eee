import type { DocPage } from "../content-types";
import { BASE_URL_TOKEN } from "../sample-code";
import { type ContentContext, opLink } from "./context";

export function overviewPage(ctx: ContentContext): DocPage {
  const capabilities = [
    "**Resources**: compute instances, block volumes, object storage buckets, virtual networks and load balancers, created in the region you choose and managed through one object model.",
    ctx.has("GET /v1/events")
      ? `**Events**: every change to a resource is recorded; read them with ${opLink(ctx, "GET /v1/events")}.`
      : null,
    "**API keys with scopes**: live and sandbox keys, each limited to the permissions it needs, rotated without downtime.",
    ctx.has("GET /v1/usage")
      ? `**Usage and limits**: request counts, latency and your current rate-limit window through ${opLink(ctx, "GET /v1/usage")} and the dashboard.`
      : null,
    ctx.has("GET /v1/billing/summary")
      ? `**Billing data**: month-to-date cost, forecast and invoices through ${opLink(ctx, "GET /v1/billing/summary")} and the invoice endpoints.`
      : null,
    "**Safe retries**: every `POST` accepts an `Idempotency-Key`, so a retried create never makes a duplicate.",
  ].filter((item): item is string => item !== null);

  return {
    slug: "",
    title: "Cloud API documentation",
    description:
      "How to provision, manage and watch cloud infrastructure from code with the Cloud API.",
    group: "Start",
    sections: [
      {
        id: "what-it-is",
        title: "What the Cloud API is",
        blocks: [
          {
            kind: "p",
            text: "The Cloud API is a REST interface to the same infrastructure you see in the dashboard. Anything you can click, a script, a CI pipeline or an internal tool can do with an HTTP request and an API key. Answers are JSON with the same structure everywhere, and errors carry a machine-readable code you can act on.",
          },
          { kind: "list", items: capabilities },
        ],
      },
      {
        id: "base-url",
        title: "Base URL",
        blocks: [
          {
            kind: "p",
            text: "Every path in these docs is relative to this deployment's address. The first segment of the path is the API version:",
          },
          { kind: "code", lang: "text", title: "Base URL", code: `${BASE_URL_TOKEN}/v1` },
          {
            kind: "p",
            text: "Sandbox keys can also use the sandbox path prefix `/sandbox/v1`, described in [Sandbox](/docs/sandbox).",
          },
        ],
      },
      {
        id: "conventions",
        title: "Conventions",
        blocks: [
          {
            kind: "list",
            items: [
              "Requests and answers are JSON in UTF-8. Send `Content-Type: application/json` with every body.",
              "Times are ISO 8601 in UTC with a `Z`, for example `2026-04-24T12:00:00.000Z`.",
              "Ids carry a prefix that names their kind: `res_` for resources, `key_` for API keys, `evt_` for events, `req_` for requests.",
              "Every answer has an `X-Request-Id` header. Quote it when you ask for help with a specific call.",
              "Lists share one format (`data` plus `meta`) and two ways to page through it; see [Pagination](/docs/pagination).",
              "Answers are never cached by intermediaries (`Cache-Control: no-store`).",
              "In production the API only accepts HTTPS; a plain HTTP request gets `403 https_required`.",
            ],
          },
        ],
      },
      {
        id: "first-call",
        title: "A first call",
        blocks: [
          {
            kind: "p",
            text: "With a key in the `CLOUD_API_KEY` environment variable, this lists the resources of your project:",
          },
          { kind: "sample", id: "list-resources" },
          {
            kind: "p",
            text: "The [Getting started](/docs/getting-started) guide walks from sign-up to this request in a few minutes. The [API reference](/docs/api) lists every operation.",
          },
        ],
      },
      {
        id: "machine-readable",
        title: "Machine-readable description",
        blocks: [
          {
            kind: "p",
            text: `The API describes itself as OpenAPI 3.1 at ${opLink(ctx, "GET /v1/openapi.json")}, without a key. It is generated from the same schemas that validate requests, and the reference in these docs is generated from it, so neither can drift from what the API accepts.`,
          },
        ],
      },
    ],
  };
}
