import { UsageError } from "../errors";
import type { CommandSpec, OptionSpec, TableView } from "../spec";
import { callAndPrint, deleteCommand, getCommand, listCommand } from "./builders";
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

const ENDPOINT_ARG = { name: "id", description: "The endpoint's id" };

const EVENT_OPTION: OptionSpec = {
  flags: "--event <type>",
  description:
    "An event type or family to send (resource.*); repeat for several (default every event)",
  repeatable: true,
  to: { body: "enabled_events" },
};

const DESCRIPTION_OPTION: OptionSpec = {
  flags: "--description <text>",
  description: "What it is for",
  to: { body: "description" },
};

/** POST /v1/webhook-endpoints/{id}/<action> with no body. */
function endpointAction(def: {
  name: string;
  summary: string;
  action: string;
  view: TableView;
}): CommandSpec {
  return {
    path: ["webhooks", def.name],
    summary: def.summary,
    args: [ENDPOINT_ARG],
    examples: [`cloud webhooks ${def.name} ${ENDPOINT_ID}`],
    request: { method: "POST", path: `/v1/webhook-endpoints/{id}/${def.action}` },
    run: (ctx, input) => callAndPrint(ctx, input, def.view),
  };
}

export const webhookCommands: CommandSpec[] = [
  listCommand({
    path: ["webhooks", "list"],
    summary: "List webhook endpoints",
    api: "/v1/webhook-endpoints",
    filters: [
      {
        flags: "--status <status>",
        description: "Only endpoints in this status",
        choices: ["enabled", "disabled"],
        to: { query: "status" },
      },
    ],
    view: WEBHOOK_VIEW,
    examples: ["cloud webhooks list", "cloud webhooks list --status disabled -q"],
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
      {
        flags: "--url <url>",
        description: "Where deliveries are POSTed (https)",
        required: true,
        to: { body: "url" },
      },
      DESCRIPTION_OPTION,
      EVENT_OPTION,
    ],
    examples: [
      "cloud webhooks create --url https://example.com/hooks --event 'resource.*'",
      "cloud webhooks create --url https://example.com/hooks -o json | jq -r .secret",
    ],
    request: { method: "POST", path: "/v1/webhook-endpoints" },
    run: (ctx, input) => callAndPrint(ctx, input, NEW_ENDPOINT_VIEW),
  },
  {
    path: ["webhooks", "update"],
    summary: "Change an endpoint's URL, description or events (--event replaces the list)",
    args: [ENDPOINT_ARG],
    options: [
      { flags: "--url <url>", description: "A new URL (https)", to: { body: "url" } },
      DESCRIPTION_OPTION,
      { ...EVENT_OPTION, description: "The events to send from now on; repeat for several" },
    ],
    examples: [
      `cloud webhooks update ${ENDPOINT_ID} --event 'resource.*' --event 'volume.*'`,
      `cloud webhooks update ${ENDPOINT_ID} --url https://example.com/hooks/v2`,
    ],
    request: { method: "PATCH", path: "/v1/webhook-endpoints/{id}" },
    async run(ctx, input) {
      if (Object.keys(input.call().body ?? {}).length === 0) {
        throw new UsageError("Say what to change: --url, --description or --event");
      }
      return callAndPrint(ctx, input, WEBHOOK_VIEW);
    },
  },
  {
    path: ["webhooks", "disable"],
    summary: "Stop deliveries to an endpoint (enable turns them on again)",
    args: [ENDPOINT_ARG],
    examples: [`cloud webhooks disable ${ENDPOINT_ID}`],
    request: {
      method: "PATCH",
      path: "/v1/webhook-endpoints/{id}",
      body: { status: "disabled" },
    },
    run: (ctx, input) => callAndPrint(ctx, input, WEBHOOK_VIEW),
  },
  endpointAction({
    name: "enable",
    summary: "Turn a disabled endpoint on again, with its failure count at zero",
    action: "enable",
    view: WEBHOOK_VIEW,
  }),
  endpointAction({
    name: "rotate-secret",
    summary: "Issue a new signing secret (printed once); the old one stops at once",
    action: "rotate-secret",
    view: NEW_ENDPOINT_VIEW,
  }),
  endpointAction({
    name: "test",
    summary: "Queue a webhook.test event to this endpoint only",
    action: "test",
    view: DELIVERY_VIEW,
  }),
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
    pathArgs: [ENDPOINT_ARG],
    filters: [
      {
        flags: "--status <status>",
        description: "Only deliveries in this status",
        choices: ["pending", "succeeded", "failed"],
        to: { query: "status" },
      },
    ],
    view: DELIVERY_VIEW,
    examples: [
      `cloud webhooks deliveries ${ENDPOINT_ID}`,
      `cloud webhooks deliveries ${ENDPOINT_ID} --status failed -q`,
    ],
  }),
  {
    path: ["webhooks", "retry"],
    summary: "Send a delivery once more, now, with the same event id and body",
    args: [
      ENDPOINT_ARG,
      { name: "delivery-id", param: "delivery_id", description: "The delivery's id" },
    ],
    examples: [`cloud webhooks retry ${ENDPOINT_ID} wd_3Jt7Wq2XkR9mVb4L`],
    request: {
      method: "POST",
      path: "/v1/webhook-endpoints/{id}/deliveries/{delivery_id}/retry",
    },
    run: (ctx, input) => callAndPrint(ctx, input, DELIVERY_VIEW),
  },
];
