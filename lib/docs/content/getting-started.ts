import type { DocPage } from "../content-types";
export function gettingStartedPage(): DocPage {
  return {
    slug: "getting-started",
    title: "Getting started",
    description:
      "From a new account to an authenticated request, a created resource, and the errors and pages you will meet along the way.",
    group: "Start",
    sections: [
      {
        id: "create-a-key",
        title: "1. Create an account and a key",
        blocks: [
          {
            kind: "list",
            ordered: true,
            items: [
              "[Sign up](/signup) for an account. You get an organization with a default project.",
              "Open **Settings → API keys** in the [dashboard](/dashboard/settings/api-keys) and choose **Create key**.",
              "Pick the **Sandbox** environment for your first key. It starts with `sk_test_` and only ever touches sandbox data, so you can experiment freely.",
              "Copy the key from the panel that shows it. It is displayed once; only a hash is stored, so nobody can show it to you again.",
            ],
          },
          {
            kind: "p",
            text: "Keep the key out of your code. Put it in an environment variable; every example in these docs reads `CLOUD_API_KEY`:",
          },
          {
            kind: "code",
            lang: "shellscript",
            title: "Shell",
            code: 'export CLOUD_API_KEY="sk_test_..."',
          },
        ],
      },
      {
        id: "first-request",
        title: "2. Send an authenticated request",
        blocks: [
          {
            kind: "p",
            text: "Send the key as a bearer token in the `Authorization` header. This request lists the resources in your project; a new project answers with an empty list:",
          },
          { kind: "sample", id: "list-resources" },
          {
            kind: "p",
            text: "A list always comes back as `data` (the items) and `meta` (where you are in the list). The JavaScript examples use the built-in `fetch` of Node.js 18 or later and top-level `await`, so save them as `.mjs` files or paste them into an ES module.",
          },
          {
            kind: "p",
            text: "The **SDK** tab shows the same call through the typed client `@cloud-api-platform/sdk` (`npm pack` in the repository's `sdk/` folder makes the package; its types come from this API's OpenAPI document; every error answer is thrown as a `CloudApiError` with `status`, `code` and `requestId`). The **CLI** tab is the `cloud` command of the [Command-line tool](/docs/cli), which reads `CLOUD_API_KEY` and `CLOUD_API_URL` from the environment, or the key `cloud login` saved. Your choice of tab holds for every sample.",
          },
        ],
      },
      {
        id: "explore",
        title: "3. Create something and read it back",
        blocks: [
          {
            kind: "p",
            text: "Only `name` is required to create a resource. Without a `type` you get the smallest compute instance; without a `region`, `us-east-1`:",
          },
          { kind: "sample", id: "create-resource" },
          {
            kind: "p",
            text: 'The answer is `201 Created` with `status: "provisioning"`. Provisioning finishes in the background within a few seconds; fetch the resource again to see it `active`:',
          },
          { kind: "sample", id: "get-resource" },
          {
            kind: "p",
            text: "[Regions and resource types](/docs/resources) explains the other types, their settings and actions. The [API reference](/docs/api) has every operation with its parameters and answers.",
          },
        ],
      },
      {
        id: "errors-and-pages",
        title: "4. Handle errors and page through lists",
        blocks: [
          {
            kind: "p",
            text: "Every error is a JSON problem document with the HTTP status, a stable `code` to branch on, a sentence for humans and the request id:",
          },
          { kind: "sample", id: "not-found" },
          {
            kind: "code",
            lang: "json",
            title: "404 answer",
            code: JSON.stringify(
              {
                type: "{{BASE_URL}}/docs/errors#not_found",
                title: "Not found",
                status: 404,
                code: "not_found",
                detail: "Resource res_0000000000000000 was not found",
                request_id: "req_3Lw9bXkQ2mV7cT1aZp0Y",
              },
              null,
              2,
            ),
          },
          {
            kind: "p",
            text: "Lists return at most 25 items by default. Ask for up to 100 with `limit`, and follow `meta.next_cursor` to the next page until `meta.has_more` is false:",
          },
          { kind: "sample", id: "cursor-first-page" },
          {
            kind: "p",
            text: "The [Errors](/docs/errors) page lists every code and what to do about it; [Pagination](/docs/pagination) covers both paging styles. Before going live, read [Rate limits](/docs/rate-limits) and [Idempotency](/docs/idempotency).",
          },
        ],
      },
      {
        id: "go-live",
        title: "Going live",
        blocks: [
          {
            kind: "p",
            text: "When your integration works against the sandbox, create a key in the **Live** environment (it starts with `sk_live_`) with only the scopes the integration needs, and swap it in. Nothing else changes: the paths, bodies and answers are the same.",
          },
        ],
      },
    ],
  };
}
