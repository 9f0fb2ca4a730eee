import { callApi } from "../api";
import { UsageError } from "../errors";
import type { CommandSpec } from "../spec";
import {
  compact,
  deleteCommand,
  type FilterSpec,
  getCommand,
  jsonObjectOption,
  labelMap,
  listCommand,
  listOption,
  postAndPrint,
  stringOption,
  WAIT_OPTIONS,
} from "./builders";
import { RESOURCE_VIEW } from "./views";

export const RESOURCE_TYPES = ["instance", "volume", "bucket", "network", "load_balancer"] as const;

/** The filters every resource list takes (the typed lists too, without --type). */
export const RESOURCE_FILTERS: FilterSpec[] = [
  {
    flags: "--status <status>",
    description: "provisioning, active, stopped or failed",
    query: "status",
  },
  {
    flags: "--region <region>",
    description: "A region slug (cloud regions list)",
    query: "region",
  },
  { flags: "--name <text>", description: "Name contains (case-insensitive)", query: "q" },
  {
    flags: "--label <key:value>",
    description: "Has this label; repeat for several (all must match)",
    query: "label",
    repeatable: true,
  },
];

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
        query: "type",
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
      { flags: "--name <name>", description: "The resource's name", required: true },
      { flags: "--type <type>", description: "Default instance", choices: RESOURCE_TYPES },
      { flags: "--region <region>", description: "Default us-east-1" },
      {
        flags: "--label <key=value>",
        description: "A label; repeat for several",
        repeatable: true,
      },
      {
        flags: "--spec <json>",
        description: 'Type-specific settings as JSON: \'{"size":"s-2vcpu-4gb"}\'',
      },
      ...WAIT_OPTIONS,
    ],
    examples: [
      "cloud resources create --name web-1 --region eu-west-1",
      "cloud resources create --name data --type volume --spec '{\"size_gb\":100}' --wait",
    ],
    run: (ctx, input) =>
      postAndPrint(
        ctx,
        input,
        {
          path: "/v1/resources",
          body: compact({
            name: stringOption(input, "--name"),
            type: stringOption(input, "--type"),
            region: stringOption(input, "--region"),
            labels: labelMap(listOption(input, "--label")),
            spec: jsonObjectOption(input, "--spec"),
          }),
        },
        RESOURCE_VIEW,
        { status: "active", getPath: "/v1/resources/{id}" },
      ),
  },
  {
    path: ["resources", "update"],
    summary: "Rename, relabel (the labels are replaced) or resize a resource",
    args: [{ name: "id", description: "The resource's id" }],
    options: [
      { flags: "--name <name>", description: "A new name" },
      {
        flags: "--label <key=value>",
        description: "The new labels; repeat for several",
        repeatable: true,
      },
      {
        flags: "--spec <json>",
        description: 'Size changes as JSON: \'{"size":"s-4vcpu-8gb"}\', \'{"size_gb":200}\'',
      },
    ],
    examples: [
      "cloud resources update res_Tn49WpXc2LmQ8vRb --name web-1-eu",
      "cloud resources update res_Tn49WpXc2LmQ8vRb --label env=prod --label team=web",
    ],
    async run(ctx, input) {
      const body = compact({
        name: stringOption(input, "--name"),
        labels: labelMap(listOption(input, "--label")),
        spec: jsonObjectOption(input, "--spec"),
      });
      if (Object.keys(body).length === 0) {
        throw new UsageError("Say what to change: --name, --label or --spec");
      }
      const answer = await callApi(ctx.client(), {
        method: "PATCH",
        path: "/v1/resources/{id}",
        params: { path: { id: input.args[0]! } },
        body,
      });
      ctx.output.answer(answer, RESOURCE_VIEW);
    },
  },
  deleteCommand({
    path: ["resources", "delete"],
    summary: "Delete a resource (refused while something uses it)",
    api: "/v1/resources/{id}",
    examples: ["cloud resources delete res_Tn49WpXc2LmQ8vRb"],
  }),
];
