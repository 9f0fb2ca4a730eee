import { callApi } from "../api";
import type { CommandSpec } from "../spec";
import {
  compact,
  getCommand,
  integerOption,
  listCommand,
  listOption,
  stringOption,
} from "./builders";
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
      { flags: "--name <name>", description: "What the key is for", required: true },
      {
        flags: "--scope <scope>",
        description:
          "A scope such as resources:read; repeat for several (default: every scope you hold)",
        repeatable: true,
      },
      { flags: "--expires-in-days <n>", description: "Stop working after this many days" },
    ],
    examples: [
      "cloud keys create --name ci --scope resources:read --scope resources:write",
      "cloud keys create --name ci --expires-in-days 90 -o json | jq -r .secret",
    ],
    async run(ctx, input) {
      const answer = await callApi(ctx.client(), {
        method: "POST",
        path: "/v1/api-keys",
        body: compact({
          name: stringOption(input, "--name"),
          scopes: listOption(input, "--scope"),
          expires_in_days: integerOption(input, "--expires-in-days <n>"),
        }),
      });
      ctx.output.answer(answer, NEW_KEY_VIEW);
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
      },
    ],
    examples: [`cloud keys rotate ${KEY_ID} --expires-in 24h`],
    async run(ctx, input) {
      const answer = await callApi(ctx.client(), {
        method: "POST",
        path: "/v1/api-keys/{id}/rotate",
        params: { path: { id: input.args[0]! } },
        body: compact({ expires_in: stringOption(input, "--expires-in") }),
      });
      ctx.output.answer(answer, NEW_KEY_VIEW);
    },
  },
  {
    path: ["keys", "revoke"],
    summary: "Revoke a key at once, everywhere",
    args: [{ name: "id", description: "The key's id" }],
    examples: [`cloud keys revoke ${KEY_ID}`],
    async run(ctx, input) {
      const answer = await callApi(ctx.client(), {
        method: "POST",
        path: "/v1/api-keys/{id}/revoke",
        params: { path: { id: input.args[0]! } },
      });
      ctx.output.answer(answer, KEY_VIEW);
    },
  },
];
