import { callApi } from "../api";
import { UsageError } from "../errors";
import type { CommandSpec, OptionSpec } from "../spec";
import { callAndPrint, deleteCommand, getCommand, listCommand, WAIT_OPTIONS } from "./builders";
import { RESOURCE_VIEW } from "./views";

export const RESOURCE_TYPES = ["instance", "volume", "bucket", "network", "load_balancer"] as const;

/** The filters every resource list takes (the typed lists too, without --type). */
export const RESOURCE_FILTERS: OptionSpec[] = [
  {
    flags: "--status <status>",
    description: "provisioning, active, stopped or failed",
    to: { query: "status" },
  },
  {
    flags: "--region <region>",
    description: "A region slug (cloud regions list)",
    to: { query: "region" },
  },
  { flags: "--name <text>", description: "Name contains (case-insensitive)", to: { query: "q" } },
  {
    flags: "--label <key:value>",
    description: "Has this label; repeat for several (all must match)",
    to: { query: "label" },
    repeatable: true,
  },
];

/** The flags of a resource's labels and its type-specific spec as JSON. */
export const LABEL_OPTION: OptionSpec = {
  flags: "--label <key=value>",
  description: "A label; repeat for several",
  repeatable: true,
  to: { body: "labels", as: "labels" },
};

export const resourceCommands: CommandSpec[] = [
  listCommand({
    path: ["resources", "list"],
    summary: "List resources of every type, newest first",
    api: "/v1/resources",
    filters: [
      {
        flags: "--type <type>",
        description: "Only this type",
        choices: RESOURCE_TYPES,
        to: { query: "type" },
      },
      ...RESOURCE_FILTERS,
    ],
    view: RESOURCE_VIEW,
    examples: [
      "cloud resources list",
      "cloud resources list --type instance --status active --label env:prod",
      "cloud resources list --all -o json | jq -r '.[].id'",
    ],
  }),
  getCommand({
    path: ["resources", "get"],
    summary: "Show one resource",
    api: "/v1/resources/{id}",
    view: RESOURCE_VIEW,
    examples: [
      "cloud resources get res_Tn49WpXc2LmQ8vRb",
      "cloud resources get res_Tn49WpXc2LmQ8vRb -o yaml",
    ],
  }),
  {
    path: ["resources", "create"],
    summary: "Create a resource (an instance unless --type says otherwise)",
    options: [
      {
        flags: "--name <name>",
        description: "The resource's name",
        required: true,
        to: { body: "name" },
      },
      {
        flags: "--type <type>",
        description: "Default instance",
        choices: RESOURCE_TYPES,
        to: { body: "type" },
      },
      { flags: "--region <region>", description: "Default us-east-1", to: { body: "region" } },
      LABEL_OPTION,
      {
        flags: "--spec <json>",
        description: 'Type-specific settings as JSON: \'{"size":"s-2vcpu-4gb"}\'',
        to: { body: "spec", as: "json" },
      },
      ...WAIT_OPTIONS,
    ],
    examples: [
      "cloud resources create --name web-1 --region eu-west-1",
      "cloud resources create --name data --type volume --spec '{\"size_gb\":100}' --wait",
    ],
    request: { method: "POST", path: "/v1/resources" },
    run: (ctx, input) =>
      callAndPrint(ctx, input, RESOURCE_VIEW, {
        status: "active",
        getPath: "/v1/resources/{id}",
      }),
  },
  {
    path: ["resources", "update"],
    summary: "Rename, relabel (the labels are replaced) or resize a resource",
    args: [{ name: "id", description: "The resource's id" }],
    options: [
      { flags: "--name <name>", description: "A new name", to: { body: "name" } },
      { ...LABEL_OPTION, description: "The new labels; repeat for several" },
      {
        flags: "--spec <json>",
        description: 'Size changes as JSON: \'{"size":"s-4vcpu-8gb"}\', \'{"size_gb":200}\'',
        to: { body: "spec", as: "json" },
      },
    ],
    examples: [
      "cloud resources update res_Tn49WpXc2LmQ8vRb --name web-1-eu",
      "cloud resources update res_Tn49WpXc2LmQ8vRb --label env=prod --label team=web",
    ],
    request: { method: "PATCH", path: "/v1/resources/{id}" },
    async run(ctx, input) {
      const call = input.call();
      if (Object.keys(call.body ?? {}).length === 0) {
        throw new UsageError("Say what to change: --name, --label or --spec");
      }
      ctx.output.answer(await callApi(ctx.client(), call), RESOURCE_VIEW);
    },
  },
  deleteCommand({
    path: ["resources", "delete"],
    summary: "Delete a resource (refused while something uses it)",
    api: "/v1/resources/{id}",
    examples: ["cloud resources delete res_Tn49WpXc2LmQ8vRb"],
  }),
];
