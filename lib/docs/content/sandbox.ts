import { SANDBOX_LIMIT } from "@/lib/ratelimit/limits";
import type { DocPage } from "../content-types";

export function sandboxPage(): DocPage {
  return {
    slug: "sandbox",
    title: "Sandbox",
    description:
      "A separate environment for trying things: the same API with sandbox keys, data that resets every 24 hours, no billing and its own rate limit.",
    group: "Concepts",
    sections: [
      {
        id: "what-it-is",
        title: "What the sandbox is",
        blocks: [
          {
            kind: "p",
            text: "Every project has a sandbox next to its live environment. It runs the same API with the same behaviour (resources still go from `provisioning` to `active`, errors and limits work the same way) on data of its own. Use it to develop and test integrations and CI jobs without touching real infrastructure or your bill.",
          },
        ],
      },
      {
        id: "using-it",
        title: "Using it",
        blocks: [
          {
            kind: "p",
            text: "Create a key in the **Sandbox** environment; it starts with `sk_test_`. What a request acts on is decided by the key, so you have two equivalent ways to call the sandbox:",
          },
          {
            kind: "list",
            items: [
              "the usual `/v1/...` paths with a sandbox key, which always act on sandbox data; or",
              "the `/sandbox/v1/...` paths on the same host, which only accept sandbox keys. A live key there answers `401`, so a misconfigured job cannot touch live data by accident.",
            ],
          },
          { kind: "sample", id: "sandbox-list" },
          {
            kind: "p",
            text: "In the dashboard, switch the environment to **Sandbox** to see and manage sandbox data.",
          },
        ],
      },
      {
        id: "rules",
        title: "How it differs from live",
        blocks: [
          {
            kind: "list",
            items: [
              "**Separate data.** Live keys never see sandbox objects and sandbox keys never see live ones; an id from the other side answers `404`.",
              "**Reset every 24 hours.** Every day at 00:00 UTC, the sandbox's resources and events are deleted. Keys are kept. Do not rely on sandbox objects lasting longer.",
              `**Its own rate limit.** Sandbox traffic has a bucket of ${SANDBOX_LIMIT.toLocaleString("en-US")} requests per minute per organization and never uses your plan's live limit.`,
              "**Never billed.** Sandbox requests appear in your usage figures, marked as sandbox, but never on an invoice.",
              "**Same keys rules.** Scopes, rotation and revocation work exactly as for live keys; a sandbox key can only create sandbox keys.",
            ],
          },
        ],
      },
    ],
  };
}
