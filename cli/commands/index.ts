import type { CommandSpec, GroupSpec } from "../spec";
import { accountCommands } from "./account";
import { authCommands } from "./auth";
import { keyCommands } from "./keys";
import { resourceCommands } from "./resources";
import { TYPED_GROUPS, typedResourceCommands } from "./typed-resources";
import { webhookCommands } from "./webhooks";

/** Every command of the CLI, in help and docs order. */
export const COMMANDS: CommandSpec[] = [
  ...authCommands,
  ...resourceCommands,
  ...typedResourceCommands,
  ...keyCommands,
  ...accountCommands,
  ...webhookCommands,
];

/** Groups that only hold subcommands, with their one line. */
export const GROUPS: GroupSpec[] = [
  { name: "context", summary: "Saved credentials: list them, switch, forget" },
  { name: "resources", summary: "Every resource type through one model" },
  ...TYPED_GROUPS,
  { name: "keys", summary: "API keys: list, create, rotate, revoke" },
  { name: "regions", summary: "Where resources can run" },
  { name: "billing", summary: "Spend, forecast and invoices" },
  { name: "events", summary: "What happened in the project" },
  { name: "webhooks", summary: "Webhook endpoints and their deliveries" },
];
