import type { CommandSpec, GroupSpec } from "../spec";
import { accountCommands } from "./account";
import { authCommands } from "./auth";
import { deploymentCommands } from "./deployments";
import { eventCommands } from "./events";
import { keyCommands } from "./keys";
import { listenCommands } from "./listen";
import { logCommands } from "./logs";
import { memberCommands } from "./members";
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
  ...eventCommands,
  ...listenCommands,
  ...webhookCommands,
  ...deploymentCommands,
  ...logCommands,
  ...memberCommands,
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
  { name: "deployments", summary: "Roll services out across regions: plan, create, steer" },
  { name: "logs", summary: "API requests: search them, trace one, follow them live" },
  { name: "members", summary: "Who belongs to the organization, and with which role" },
  { name: "invitations", summary: "Invite people by e-mail: create, resend, revoke" },
];
