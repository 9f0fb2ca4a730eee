import { callApi } from "../api";
import type { CommandSpec, TableView } from "../spec";
import {
  compact,
  deleteCommand,
  getCommand,
  listCommand,
  listOption,
  stringOption,
} from "./builders";
import { CREATED, WEBHOOK_VIEW } from "./views";

const ENDPOINT_ID = "we_8Rk2Vn5QpX7mLc3T";

const NEW_ENDPOINT_VIEW: TableView = {
  columns: [
    { header: "ID", path: "id" },
    { header: "URL", path: "url" },
    { header: "EVENTS", path: "enabled_events" },
    { header: "SECRET", path: "secret" },
  ],
};

const DELIVERY_VIEW: TableView = {
  columns: [
    { header: "ID", path: "id" },
    { header: "EVENT", path: "event_type" },
    { header: "STATUS", path: "status" },
    { header: "ATTEMPTS", path: "attempts" },
    { header: "HTTP", path: "response_status" },
    CREATED,
  ],
};

export const webhookCommands: CommandSpec[] = [
  listCommand({
    path: ["webhooks", "list"],
    summary: "List webhook endpoints",
    api: "/v1/webhook-endpoints",
    view: WEBHOOK_VIEW,
    examples: ["cloud webhooks list"],
  }),
  getCommand({
    path: ["webhooks", "get"],
    summary: "Show one webhook endpoint",
    api: "/v1/webhook-endpoints/{id}",
    view: WEBHOOK_VIEW,
    examples: [`cloud webhooks get ${ENDPOINT_ID}`],
  }),
  {
    path: ["webhooks", "create"],
    summary: "Add a webhook endpoint; its signing secret is printed once",
    options: [
      { flags: "--url <url>", description: "Where deliveries are POSTed (https)", required: true },
      {
        flags: "--event <type>",
        description:
          "An event type or family to send (resource.*); repeat for several (default every event)",
        repeatable: true,
      },
      { flags: "--description <text>", description: "What it is for" },
    ],
    examples: [
      "cloud webhooks create --url https://example.com/hooks --event 'resource.*'",
      "cloud webhooks create --url https://example.com/hooks -o json | jq -r .secret",
    ],
    async run(ctx, input) {
      const answer = await callApi(ctx.client(), {
        method: "POST",
        path: "/v1/webhook-endpoints",
        body: compact({
          url: stringOption(input, "--url"),
          description: stringOption(input, "--description"),
          enabled_events: listOption(input, "--event"),
        }),
      });
      ctx.output.answer(answer, NEW_ENDPOINT_VIEW);
    },
  },
  deleteCommand({
    path: ["webhooks", "delete"],
    summary: "Delete a webhook endpoint",
    api: "/v1/webhook-endpoints/{id}",
    examples: [`cloud webhooks delete ${ENDPOINT_ID}`],
  }),
  listCommand({
    path: ["webhooks", "deliveries"],
    summary: "List an endpoint's deliveries, newest first",
    api: "/v1/webhook-endpoints/{id}/deliveries",
    pathArgs: [{ name: "id", param: "id", description: "The endpoint's id" }],
    view: DELIVERY_VIEW,
    examples: [`cloud webhooks deliveries ${ENDPOINT_ID}`],
  }),
];
