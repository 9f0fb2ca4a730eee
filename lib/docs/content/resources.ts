import {
  DEFAULT_INSTANCE_IMAGE,
  DEFAULT_INSTANCE_SIZE,
  DEFAULT_NETWORK_CIDR,
  DEFAULT_VOLUME_GB,
  INSTANCE_IMAGES,
  INSTANCE_SIZES,
  LOAD_BALANCER_ALGORITHMS,
  MAX_LABELS,
  MAX_LOAD_BALANCER_TARGETS,
  RESOURCE_TYPES,
  TYPE_LABELS,
  TYPE_PATHS,
  VOLUME_MAX_GB,
  VOLUME_MIN_GB,
} from "@/lib/catalog/resources";
import { DEFAULT_REGION, REGIONS } from "@/lib/regions/catalog";
import type { DocPage } from "../content-types";
import { type ContentContext, opLink } from "./context";

const TYPE_SUMMARY: Record<string, { kind: string; settings: string; actions: string }> = {
  instance: {
    kind: "Compute",
    settings: `\`size\` (default \`${DEFAULT_INSTANCE_SIZE}\`), \`image\` (default \`${DEFAULT_INSTANCE_IMAGE}\`), \`network_id\``,
    actions: "`start`, `stop`, `reboot`, `resize`",
  },
  volume: {
    kind: "Block storage",
    settings: `\`size_gb\`, ${VOLUME_MIN_GB} to ${VOLUME_MAX_GB.toLocaleString("en-US")} (default ${DEFAULT_VOLUME_GB}); can grow, never shrink`,
    actions: "`attach`, `detach` (to one instance in the same region)",
  },
  bucket: {
    kind: "Object storage",
    settings: "`versioning`, `public` (both default false)",
    actions: "None",
  },
  network: {
    kind: "Virtual network",
    settings: `\`cidr\` (default \`${DEFAULT_NETWORK_CIDR}\`)`,
    actions: "None; instances join with `network_id`",
  },
  load_balancer: {
    kind: "Networking",
    settings: `\`algorithm\` (${LOAD_BALANCER_ALGORITHMS.map((a) => `\`${a}\``).join(" or ")}), \`target_ids\` (up to ${MAX_LOAD_BALANCER_TARGETS} instances), \`network_id\``,
    actions: "`add_target`, `remove_target`",
  },
};

export function resourcesPage(ctx: ContentContext): DocPage {
  const fields = ctx.schemaFields("Resource").filter((field) => field.depth === 0);
  const typeRows = RESOURCE_TYPES.map((type) => {
    const summary = TYPE_SUMMARY[type];
    const path = `/v1/${TYPE_PATHS[type]}`;
    return [
      `\`${type}\``,
      `${TYPE_LABELS[type]} (${summary?.kind ?? ""})`,
      ctx.has(`GET ${path}`) ? opLink(ctx, `GET ${path}`) : `\`${path}\``,
      summary?.settings ?? "",
      summary?.actions ?? "",
    ];
  });
  return {
    slug: "resources",
    title: "Regions and resource types",
    description:
      "The resource object, the five resource types and their settings, where they can run, and how they move through their lifecycle.",
    group: "Concepts",
    sections: [
      {
        id: "the-object",
        title: "The resource object",
        blocks: [
          {
            kind: "p",
            text: "Everything you create is a resource: one object model with a `type` and a type-specific `spec`. Lists and single reads return every field.",
          },
          ...(fields.length > 0
            ? [
                {
                  kind: "table" as const,
                  caption: "Resource fields",
                  head: ["Field", "Type", "Meaning"],
                  rows: fields.map((field) => [
                    `\`${field.name}\``,
                    `${field.type}${field.nullable ? " or null" : ""}`,
                    field.description || FIELD_WORDS[field.name] || "",
                  ]),
                },
              ]
            : []),
          {
            kind: "p",
            text: `Labels are your own string pairs (up to ${MAX_LABELS} per resource) for grouping and filtering; keys are letters, digits and \`. _ / -\`. An update replaces the whole map.`,
          },
        ],
      },
      {
        id: "types",
        title: "Resource types",
        blocks: [
          {
            kind: "table",
            caption: "Types, their typed paths and settings",
            head: ["Type", "What it is", "Typed path", "Settings (spec)", "Actions"],
            rows: typeRows,
          },
          {
            kind: "p",
            text: `Each type also has its own path (the third column), a view of the same objects: a volume created with ${opLink(ctx, "POST /v1/volumes")} is also listed by ${opLink(ctx, "GET /v1/resources")}. Without a \`type\`, a create on \`/v1/resources\` makes an instance of the smallest size.`,
          },
          { kind: "sample", id: "create-volume" },
        ],
        subsections: [
          {
            id: "instance-sizes",
            title: "Instance sizes and images",
            blocks: [
              {
                kind: "table",
                caption: "Instance sizes, smallest first",
                head: ["Size", "vCPUs", "Memory", "Disk"],
                rows: INSTANCE_SIZES.map((size) => [
                  `\`${size.slug}\``,
                  String(size.vcpus),
                  `${size.memory_mb / 1024} GB`,
                  `${size.disk_gb} GB`,
                ]),
              },
              {
                kind: "p",
                text: `Images: ${INSTANCE_IMAGES.map((image) => `\`${image}\``).join(", ")}.`,
              },
            ],
          },
        ],
      },
      {
        id: "regions",
        title: "Regions",
        blocks: [
          {
            kind: "p",
            text: `A resource lives in one region, chosen at creation; without \`region\` it is \`${DEFAULT_REGION}\`. An unknown region is refused with \`422 validation_failed\`. ${opLink(ctx, "GET /v1/regions")} returns this list with each region's availability:`,
          },
          {
            kind: "table",
            caption: "Regions",
            head: ["Region", "Location", "Country", "Available", "Types"],
            rows: REGIONS.map((region) => [
              `\`${region.slug}\``,
              region.name,
              region.country,
              region.available ? "Yes" : "No",
              region.resource_types.length === RESOURCE_TYPES.length
                ? "All"
                : region.resource_types.map((t) => `\`${t}\``).join(", "),
            ]),
          },
          { kind: "sample", id: "list-regions" },
        ],
      },
      {
        id: "lifecycle",
        title: "Lifecycle",
        blocks: [
          {
            kind: "list",
            items: [
              'A create answers `201` at once with `status: "provisioning"`. The work continues in the background and the resource becomes `active` (or `failed`) a few seconds later. The change is recorded as an event.',
              "Instances can be stopped (`stopped`) and started again. An action that does not fit the current status, or any action while the resource is still provisioning, answers `409 conflict` saying why.",
              "`PATCH` renames a resource, replaces its labels or resizes it.",
              "`DELETE` answers `204`; from then on the resource answers `404`.",
              "A resource that another one uses cannot be deleted: a volume attached to an instance, a network that instances or load balancers are in, an instance that is a load balancer target. The delete answers `409 conflict`, names what uses it, and changes nothing.",
            ],
          },
          { kind: "sample", id: "delete-resource" },
        ],
      },
      {
        id: "filters",
        title: "Filtering lists",
        blocks: [
          {
            kind: "p",
            text: "Resource lists (generic and typed) accept these filters next to the [pagination](/docs/pagination) parameters; `meta.total` counts the matches:",
          },
          {
            kind: "table",
            caption: "List filters",
            head: ["Parameter", "Matches"],
            rows: [
              ["`type`", "One type (on `/v1/resources` only)."],
              ["`status`", "`provisioning`, `active`, `stopped` or `failed`."],
              ["`region`", "A region slug."],
              ["`q`", "Resources whose name contains this text, ignoring case."],
              ["`label`", "`key:value`; repeat it to require several labels."],
            ],
          },
        ],
      },
    ],
  };
}

const FIELD_WORDS: Record<string, string> = {
  id: "Unique id, starting with `res_`.",
  type: "The resource type.",
  name: "Your name for it; it need not be unique.",
  status: "Where it is in its lifecycle.",
  region: "The region it runs in.",
  spec: "Type-specific settings, with defaults filled in.",
  labels: "Your own key-value pairs.",
  created_at: "When it was created.",
  updated_at: "When it last changed.",
};
