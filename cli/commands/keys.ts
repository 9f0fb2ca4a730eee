import { callApi } from "../api";
import type { CommandSpec } from "../spec";
import { callAndPrint, getCommand, listCommand } from "./builders";
import { KEY_VIEW, NEW_KEY_VIEW } from "./views";

const KEY_ID = "key_5XqT8mR2vN9pL4wZ";

export const keyCommands: CommandSpec[] = [
  listCommand({
    path: ["keys", "list"],
    summary: "List the API keys of this project and environment (secrets are never listed)",
    api: "/v1/api-keys",
    view: KEY_VIEW,
    examples: ["cloud keys list", "cloud keys list --sandbox -o json"],
  }),
  getCommand({
    path: ["keys", "get"],
    summary: "Show one API key",
    api: "/v1/api-keys/{id}",
    view: KEY_VIEW,
    examples: [`cloud keys get ${KEY_ID}`],
  }),
  {
    path: ["keys", "create"],
    summary: "Create an API key; its secret is printed once",
    description:
      "Create an API key in the environment of the key you call with (--sandbox for a test key). The secret is printed once: store it now.",
    options: [
      {
        flags: "--name <name>",
        description: "What the key is for",
        required: true,
        to: { body: "name" },
      },
      {
        flags: "--scope <scope>",
        description:
          "A scope such as resources:read; repeat for several (default: every scope you hold)",
        repeatable: true,
        to: { body: "scopes" },
      },
      {
        flags: "--expires-in-days <n>",
        description: "Stop working after this many days",
        to: { body: "expires_in_days", as: "integer" },
      },
    ],
    examples: [
      "cloud keys create --name ci --scope resources:read --scope resources:write",
      "cloud keys create --name ci --expires-in-days 90 -o json | jq -r .secret",
    ],
    request: { method: "POST", path: "/v1/api-keys" },
    async run(ctx, input) {
      ctx.output.answer(await callApi(ctx.client(), input.call()), NEW_KEY_VIEW);
      if (ctx.output.format === "table" && !ctx.output.quiet) {
        ctx.io.stderr.write("Store the secret now: it is not shown again.\n");
      }
    },
  },
  {
    path: ["keys", "rotate"],
    summary: "Roll a key: a new secret with the same name and scopes",
    args: [{ name: "id", description: "The key's id" }],
    options: [
      {
        flags: "--expires-in <when>",
        description: "How long the old secret keeps working",
        choices: ["now", "1h", "24h", "7d"],
        to: { body: "expires_in" },
      },
    ],
    examples: [`cloud keys rotate ${KEY_ID} --expires-in 24h`],
    request: { method: "POST", path: "/v1/api-keys/{id}/rotate" },
    run: (ctx, input) => callAndPrint(ctx, input, NEW_KEY_VIEW),
  },
  {
    path: ["keys", "revoke"],
    summary: "Revoke a key at once, everywhere",
    args: [{ name: "id", description: "The key's id" }],
    examples: [`cloud keys revoke ${KEY_ID}`],
    request: { method: "POST", path: "/v1/api-keys/{id}/revoke" },
    run: (ctx, input) => callAndPrint(ctx, input, KEY_VIEW),
  },
];
