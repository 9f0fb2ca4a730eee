import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "@/lib/pagination/list-query";
import { PLAN_LIMITS, SANDBOX_LIMIT } from "@/lib/ratelimit/limits";
import type { Block, DocPage } from "../content-types";
import { type ContentContext, opLink } from "./context";
import { retryScheduleText } from "./webhooks";

const n = (value: number) => value.toLocaleString("en-US");

/** Webhook delivery is answered from what this deployment really does, found in its API. */
function webhookAnswer(ctx: ContentContext): Block[] {
  if (ctx.has("POST /v1/webhook-endpoints")) {
    return [
      {
        kind: "p",
        text: `Register an endpoint with ${opLink(ctx, "POST /v1/webhook-endpoints")}. A delivery is attempted at once; if that fails it is retried with exponential back-off, ${retryScheduleText()} after the first attempt. When those five retries have failed too (five consecutive failures), the delivery is marked failed, the endpoint is disabled automatically and the organization's owners and admins receive an e-mail. You can re-enable it from the dashboard at any time (or with ${opLink(ctx, "POST /v1/webhook-endpoints/{id}/enable")}); a successful delivery resets the failure count. Details in [Webhooks](/docs/webhooks#retries).`,
      },
    ];
  }
  const events = ctx.has("GET /v1/events")
    ? ` To react to changes, read the event log with ${opLink(ctx, "GET /v1/events")}: every resource change is recorded there, newest first, and a cursor lets you pick up exactly where you stopped.`
    : "";
  return [
    {
      kind: "p",
      text: `This deployment does not send webhooks, so there are no deliveries to retry.${events}`,
    },
  ];
}

export function faqPage(ctx: ContentContext): DocPage {
  const qa = (id: string, question: string, answer: Block[]): Block => ({
    kind: "qa",
    id,
    question,
    answer,
  });
  return {
    slug: "faq",
    title: "Frequently asked questions",
    description: "Short answers to the questions people ask most, with links to the details.",
    group: "Help",
    sections: [
      {
        id: "questions",
        title: "Questions",
        blocks: [
          qa("rate-limits", "What are the rate limits?", [
            {
              kind: "p",
              text: `Live traffic is limited per organization by plan: Free ${n(PLAN_LIMITS.free)}, Pro ${n(PLAN_LIMITS.pro)} and Enterprise ${n(PLAN_LIMITS.enterprise)} requests per minute. Sandbox traffic has its own ${n(SANDBOX_LIMIT)} per minute. Every authenticated answer carries \`X-RateLimit-Limit\`, \`X-RateLimit-Remaining\` and \`X-RateLimit-Reset\` (a Unix time in seconds) plus the IETF \`RateLimit\` and \`RateLimit-Policy\` headers, so you can slow down before you hit the limit; over it you get \`429\` with \`Retry-After\`. Details in [Rate limits](/docs/rate-limits).`,
            },
          ]),
          qa("sandbox", "Is there a sandbox environment?", [
            {
              kind: "p",
              text: `Yes. Create a key in the Sandbox environment (it starts with \`sk_test_\`) and use it on the usual \`/v1\` paths, or on \`/sandbox/v1\` on this same host, which only accepts sandbox keys. Sandbox data is separate from live data and is reset every 24 hours (at 00:00 UTC). Sandbox requests never count toward your plan's rate limit and are never billed; they have their own limit of ${n(SANDBOX_LIMIT)} requests per minute. See [Sandbox](/docs/sandbox).`,
            },
          ]),
          qa("versioning", "How does API versioning work?", [
            {
              kind: "p",
              text: "The major version is the first part of the path: `/v1/...`. v1 is the current and only version. Within it, changes are only additive; anything breaking comes under a new prefix such as `/v2`. When a new version ships, the previous one remains available for at least 12 months and a migration guide is published alongside it. A version that does not exist answers `404` listing the supported ones. See [Versioning](/docs/versioning).",
            },
          ]),
          qa("pagination", "How does pagination work?", [
            {
              kind: "p",
              text: `Lists answer with \`data\` and \`meta\`. Pass \`limit\` (up to ${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}) and then the \`meta.next_cursor\` of each answer as \`cursor\` until \`meta.has_more\` is false. If you prefer numbered pages, use \`page\` and \`per_page\` instead. Out-of-range values are refused with \`400\`, never clamped. See [Pagination](/docs/pagination).`,
            },
          ]),
          qa("webhooks", "What is the webhook retry policy?", webhookAnswer(ctx)),
          qa("support", "How can I get support?", [
            {
              kind: "p",
              text: "Start with these docs: the [Errors](/docs/errors) page says what each error code means and what to do about it, and the dashboard shows your keys, usage and rate-limit state. If you still need help, contact the team that runs this deployment for your organization and include the `request_id` from the error answer (or the `X-Request-Id` header), the time and the operation; with that they can find your request in their logs.",
            },
          ]),
          qa("key-401", "My key is correct but I get 401. Why?", [
            {
              kind: "p",
              text: "Check that the header reads exactly `Authorization: Bearer <key>`, that the key has not been revoked or rotated with a grace period that has now ended, and that it has not expired. A live key on a `/sandbox/v1` path is also refused. The `detail` of the answer says which case it is.",
            },
          ]),
          qa("key-in-browser", "Can I call the API from a browser or a mobile app?", [
            {
              kind: "p",
              text: "Not with an API key: anything shipped to a browser or an app can be read by its users, and a key acts with all of its scopes. Call the API from your own servers and expose only what your users need.",
            },
          ]),
          qa("retries", "Is it safe to retry a request that timed out?", [
            {
              kind: "p",
              text: "Reads, yes. Deletes too: a repeated delete answers `404`, which tells you the object is gone. For a `POST`, send an `Idempotency-Key`: a retry with the same key and body is answered with the first attempt's result instead of running again. See [Idempotency](/docs/idempotency).",
            },
          ]),
        ],
      },
    ],
  };
}
