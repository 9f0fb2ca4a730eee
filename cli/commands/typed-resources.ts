import type { CommandSpec, OptionSpec, TableView } from "../spec";
import { callAndPrint, deleteCommand, getCommand, listCommand, WAIT_OPTIONS } from "./builders";
import { LABEL_OPTION, RESOURCE_FILTERS } from "./resources";
import { typedView } from "./views";

interface TypedKind {
  /** The command group and the API path segment: instances, load-balancers. */
  group: string;
  /** "instance", "load balancer": for help text. */
  noun: string;
  exampleId: string;
  view: TableView;
  /** Flags of the type's spec (each fills a spec.* field). */
  specOptions: OptionSpec[];
  createExample: string;
}

const KINDS: TypedKind[] = [
  {
    group: "instances",
    noun: "instance",
    exampleId: "res_7Hq2LmXw9KpB4cZt",
    view: typedView([
      { header: "SIZE", path: "spec.size" },
      { header: "IMAGE", path: "spec.image" },
    ]),
    specOptions: [
      {
        flags: "--size <size>",
        description: "s-1vcpu-1gb (default), s-1vcpu-2gb, s-2vcpu-4gb, s-4vcpu-8gb, s-8vcpu-16gb",
        to: { body: "spec.size" },
      },
      {
        flags: "--image <image>",
        description: "ubuntu-24.04 (default), ubuntu-22.04, debian-12, rocky-9, alpine-3.20",
        to: { body: "spec.image" },
      },
      {
        flags: "--network <id>",
        description: "A network in the same region to join",
        to: { body: "spec.network_id" },
      },
    ],
    createExample:
      "cloud instances create --name web-1 --size s-2vcpu-4gb --region eu-west-1 --wait",
  },
  {
    group: "volumes",
    noun: "volume",
    exampleId: "res_4Vb8NqLm2XcT7wRz",
    view: typedView([
      { header: "SIZE GB", path: "spec.size_gb" },
      { header: "ATTACHED TO", path: "spec.attached_instance_id" },
    ]),
    specOptions: [
      {
        flags: "--size-gb <n>",
        description: "Size in GB (default 10)",
        to: { body: "spec.size_gb", as: "integer" },
      },
    ],
    createExample: "cloud volumes create --name data --size-gb 100",
  },
  {
    group: "buckets",
    noun: "bucket",
    exampleId: "res_9Bk3TzQw6LmN2vXc",
    view: typedView([
      { header: "VERSIONING", path: "spec.versioning" },
      { header: "PUBLIC", path: "spec.public" },
    ]),
    specOptions: [
      {
        flags: "--versioning",
        description: "Keep every version of each object",
        to: { body: "spec.versioning", as: "flag" },
      },
      {
        flags: "--public",
        description: "Objects readable without credentials",
        to: { body: "spec.public", as: "flag" },
      },
    ],
    createExample: "cloud buckets create --name assets --versioning",
  },
  {
    group: "networks",
    noun: "network",
    exampleId: "res_2Nw5KxLq8VmT3cBz",
    view: typedView([{ header: "CIDR", path: "spec.cidr" }]),
    specOptions: [
      {
        flags: "--cidr <cidr>",
        description: "Address range (default 10.0.0.0/16)",
        to: { body: "spec.cidr" },
      },
    ],
    createExample: "cloud networks create --name backend --cidr 10.20.0.0/16",
  },
  {
    group: "load-balancers",
    noun: "load balancer",
    exampleId: "res_6Lb2QwXn4KmT8cVz",
    view: typedView([
      { header: "ALGORITHM", path: "spec.algorithm" },
      { header: "TARGETS", path: "spec.target_ids" },
    ]),
    specOptions: [
      {
        flags: "--algorithm <name>",
        description: "round_robin (default) or least_connections",
        to: { body: "spec.algorithm" },
      },
      {
        flags: "--target <instance-id>",
        description: "An instance to send traffic to; repeat for several",
        repeatable: true,
        to: { body: "spec.target_ids" },
      },
      {
        flags: "--network <id>",
        description: "The network it lives in",
        to: { body: "spec.network_id" },
      },
    ],
    createExample: "cloud load-balancers create --name front --target res_7Hq2LmXw9KpB4cZt",
  },
];

function actionCommand(
  kind: TypedKind,
  def: {
    name: string;
    summary: string;
    /** The action's type in the body: reboot, attach, add_target. */
    type: string;
    options?: OptionSpec[];
    /** The status the action ends in, for --wait. */
    settles?: string;
    example: string;
  },
): CommandSpec {
  return {
    path: [kind.group, def.name],
    summary: def.summary,
    args: [{ name: "id", description: `The ${kind.noun}'s id` }],
    options: [...(def.options ?? []), ...(def.settles ? WAIT_OPTIONS : [])],
    examples: [def.example],
    request: { method: "POST", path: `/v1/${kind.group}/{id}/actions`, body: { type: def.type } },
    run: (ctx, input) =>
      callAndPrint(
        ctx,
        input,
        kind.view,
        def.settles ? { status: def.settles, getPath: `/v1/${kind.group}/{id}` } : undefined,
      ),
  };
}

const INSTANCE_OPTION: OptionSpec = {
  flags: "--instance <id>",
  description: "The instance",
  required: true,
  to: { body: "instance_id" },
};

function actionsOf(kind: TypedKind): CommandSpec[] {
  const id = kind.exampleId;
  if (kind.group === "instances") {
    return [
      actionCommand(kind, {
        name: "reboot",
        summary: "Reboot an instance",
        type: "reboot",
        settles: "active",
        example: `cloud instances reboot ${id}`,
      }),
      actionCommand(kind, {
        name: "stop",
        summary: "Stop an instance (it keeps its disk and address)",
        type: "stop",
        settles: "stopped",
        example: `cloud instances stop ${id} --wait`,
      }),
      actionCommand(kind, {
        name: "start",
        summary: "Start a stopped instance",
        type: "start",
        settles: "active",
        example: `cloud instances start ${id} --wait`,
      }),
      actionCommand(kind, {
        name: "resize",
        summary: "Change an instance's size",
        type: "resize",
        options: [
          {
            flags: "--size <size>",
            description: "The new size",
            required: true,
            to: { body: "size" },
          },
        ],
        settles: "active",
        example: `cloud instances resize ${id} --size s-4vcpu-8gb`,
      }),
    ];
  }
  if (kind.group === "volumes") {
    return [
      actionCommand(kind, {
        name: "attach",
        summary: "Attach a volume to an instance in the same region",
        type: "attach",
        options: [INSTANCE_OPTION],
        example: `cloud volumes attach ${id} --instance res_7Hq2LmXw9KpB4cZt`,
      }),
      actionCommand(kind, {
        name: "detach",
        summary: "Detach a volume from its instance",
        type: "detach",
        options: [
          {
            ...INSTANCE_OPTION,
            required: false,
            description: "The instance (optional: the one it is attached to)",
          },
        ],
        example: `cloud volumes detach ${id}`,
      }),
    ];
  }
  if (kind.group === "load-balancers") {
    return [
      actionCommand(kind, {
        name: "add-target",
        summary: "Send traffic to one more instance",
        type: "add_target",
        options: [INSTANCE_OPTION],
        example: `cloud load-balancers add-target ${id} --instance res_7Hq2LmXw9KpB4cZt`,
      }),
      actionCommand(kind, {
        name: "remove-target",
        summary: "Stop sending traffic to an instance",
        type: "remove_target",
        options: [INSTANCE_OPTION],
        example: `cloud load-balancers remove-target ${id} --instance res_7Hq2LmXw9KpB4cZt`,
      }),
    ];
  }
  return [];
}

function commandsOf(kind: TypedKind): CommandSpec[] {
  const api = `/v1/${kind.group}`;
  return [
    listCommand({
      path: [kind.group, "list"],
      summary: `List ${kind.group.replace("-", " ")}`,
      api,
      filters: RESOURCE_FILTERS,
      view: kind.view,
      examples: [`cloud ${kind.group} list`, `cloud ${kind.group} list --region eu-west-1 -q`],
    }),
    getCommand({
      path: [kind.group, "get"],
      summary: `Show one ${kind.noun}`,
      api: `${api}/{id}`,
      view: kind.view,
      examples: [`cloud ${kind.group} get ${kind.exampleId}`],
    }),
    {
      path: [kind.group, "create"],
      summary: `Create ${kind.noun.startsWith("i") ? "an" : "a"} ${kind.noun}`,
      options: [
        { flags: "--name <name>", description: "Its name", required: true, to: { body: "name" } },
        { flags: "--region <region>", description: "Default us-east-1", to: { body: "region" } },
        LABEL_OPTION,
        ...kind.specOptions,
        ...WAIT_OPTIONS,
      ],
      examples: [kind.createExample],
      request: { method: "POST", path: api },
      run: (ctx, input) =>
        callAndPrint(ctx, input, kind.view, { status: "active", getPath: `${api}/{id}` }),
    },
    deleteCommand({
      path: [kind.group, "delete"],
      summary: `Delete ${kind.noun.startsWith("i") ? "an" : "a"} ${kind.noun}`,
      api: `${api}/{id}`,
      examples: [`cloud ${kind.group} delete ${kind.exampleId}`],
    }),
    ...actionsOf(kind),
  ];
}

export const typedResourceCommands: CommandSpec[] = KINDS.flatMap(commandsOf);
export const TYPED_GROUPS = KINDS.map((k) => ({
  name: k.group,
  summary: `${k.noun[0]!.toUpperCase()}${k.noun.slice(1)}s (a typed view of resources)`,
}));
