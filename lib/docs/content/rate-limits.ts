import {
  FAILED_AUTH_LIMIT,
  PLAN_LIMITS,
  PORTAL_LIMIT,
  SANDBOX_LIMIT,
  WINDOW_SECONDS,
} from "@/lib/ratelimit/limits";
import type { DocPage } from "../content-types";
import { type ContentContext, opLink } from "./context";

const number = (value: number) => value.toLocaleString("en-US");
const PLAN_NAMES: Record<string, string> = { free: "Free", pro: "Pro", enterprise: "Enterprise" };

export function rateLimitsPage(ctx: ContentContext): DocPage {
  const planRows = Object.entries(PLAN_LIMITS).map(([plan, limit]) => [
    PLAN_NAMES[plan] ?? plan,
    `${number(limit)} requests per minute`,
  ]);
  return {
    slug: "rate-limits",
    title: "Rate limits",
    description:
      "How many requests you may send per minute, the headers that tell you where you stand, and how to back off when you hit the limit.",
    group: "Concepts",
    sections: [
      {
        id: "limits",
        title: "The limits",
        blocks: [
          {
            kind: "p",
            text: "Live traffic is limited per organization, by its plan. All live keys of the organization share the budget:",
          },
          {
            kind: "table",
            caption: "Live limits by plan",
            head: ["Plan", "Limit"],
            rows: planRows,
          },
          {
            kind: "p",
            text: "Some requests are counted separately and never use the plan's budget:",
          },
          {
            kind: "table",
            caption: "Other buckets",
            head: ["Traffic", "Limit", "Counted per"],
            rows: [
              [
                "Sandbox keys (`sk_test_`)",
                `${number(SANDBOX_LIMIT)} requests per minute`,
                "organization",
              ],
              [
                "The dashboard, for a signed-in member",
                `${number(PORTAL_LIMIT)} requests per minute`,
                "member",
              ],
              [
                "Requests without a valid key (missing, wrong or revoked)",
                `${number(FAILED_AUTH_LIMIT)} requests per minute`,
                "client address",
              ],
            ],
          },
          {
            kind: "p",
            text: `Each bucket counts requests in windows of ${WINDOW_SECONDS} seconds. A window starts with the first request after the previous one ended. A plan change, or a custom limit set by the operators for your organization, applies from the next request; the headers always show the limit that is in force.`,
          },
        ],
      },
      {
        id: "headers",
        title: "Rate-limit headers",
        blocks: [
          {
            kind: "p",
            text: "Every answer to a request with a valid key carries these headers, error answers included, so you can slow down before you are refused:",
          },
          {
            kind: "table",
            caption: "Headers on every authenticated answer",
            head: ["Header", "Example", "Meaning"],
            rows: [
              ["`X-RateLimit-Limit`", "`100`", "Requests allowed in the window."],
              ["`X-RateLimit-Remaining`", "`42`", "Requests left in the current window."],
              [
                "`X-RateLimit-Reset`",
                "`1777032060`",
                "When the current window ends, as a Unix timestamp in **seconds** (not milliseconds, not a duration).",
              ],
              [
                "`RateLimit-Policy`",
                `\`"minute";q=100;w=${WINDOW_SECONDS}\``,
                `The IETF form of the policy: quota \`q\` per window of \`w\` seconds.`,
              ],
              [
                "`RateLimit`",
                '`"minute";r=42;t=17`',
                "The IETF form of the state: `r` requests remaining, `t` seconds until the window ends.",
              ],
              [
                "`Retry-After`",
                "`17`",
                "On `429` only: seconds to wait. Never earlier than the window's end.",
              ],
            ],
          },
          { kind: "sample", id: "rate-limit-headers" },
          ...(ctx.has("GET /v1/rate-limits")
            ? [
                {
                  kind: "p" as const,
                  text: `To look without spending a request of your budget on guesswork, ${opLink(ctx, "GET /v1/rate-limits")} reports the limit, what is used and when the window resets, and the dashboard's Rate limits page shows it live.`,
                },
              ]
            : []),
        ],
      },
      {
        id: "over-the-limit",
        title: "Over the limit",
        blocks: [
          {
            kind: "p",
            text: "A request over the limit is not processed. It answers `429 rate_limited` with a `Retry-After` header, and the usual rate-limit headers with `X-RateLimit-Remaining: 0`:",
          },
          {
            kind: "code",
            lang: "http",
            title: "429 answer",
            code: [
              "HTTP/1.1 429 Too Many Requests",
              "Content-Type: application/problem+json",
              "Retry-After: 17",
              "X-RateLimit-Limit: 100",
              "X-RateLimit-Remaining: 0",
              "X-RateLimit-Reset: 1777032060",
              `RateLimit-Policy: "minute";q=100;w=${WINDOW_SECONDS}`,
              'RateLimit: "minute";r=0;t=17',
              "",
              '{"type":"…/docs/errors#rate_limited","title":"Too many requests","status":429,"code":"rate_limited","detail":"…","request_id":"req_…"}',
            ].join("\n"),
          },
        ],
      },
      {
        id: "backing-off",
        title: "Backing off",
        blocks: [
          {
            kind: "list",
            ordered: true,
            items: [
              "Watch `X-RateLimit-Remaining` and spread your requests out before it reaches 0.",
              "On `429`, wait at least `Retry-After` seconds. Retrying sooner only gets more `429`s.",
              "Add random jitter on top of the wait, and grow the wait exponentially on repeated failures, so that many clients that were refused together do not all come back at the same instant.",
              "Give up after a few attempts and report the failure, rather than retrying forever.",
              "Send an `Idempotency-Key` with every `POST`, so that retrying a create can never make a duplicate. See [Idempotency](/docs/idempotency).",
            ],
          },
          {
            kind: "p",
            text: "curl can do the waiting for you: `--retry` retries a `429` or `5xx`, honouring `Retry-After`. In JavaScript, a small wrapper around `fetch` does the same:",
          },
          { kind: "sample", id: "retry-with-backoff" },
        ],
      },
    ],
  };
}
