import { z } from "zod";
import {
  DEFAULT_INSTANCE_IMAGE,
  DEFAULT_INSTANCE_SIZE,
  DEFAULT_NETWORK_CIDR,
  DEFAULT_VOLUME_GB,
  INSTANCE_IMAGES,
  INSTANCE_SIZE_SLUGS,
  LOAD_BALANCER_ALGORITHMS,
  MAX_LABELS,
  MAX_LOAD_BALANCER_TARGETS,
  RESOURCE_TYPES,
  VISIBLE_STATUSES,
  VOLUME_MAX_GB,
  VOLUME_MIN_GB,
} from "@/lib/catalog/resources";
import { cidrProblem } from "@/lib/net/cidr";
import { isoTimestamp } from "./common";
import { pageSchema, paginationQueryShape } from "./pagination";

/** A check, not a regex pattern: \p{Cc} does not carry over into the OpenAPI document. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return true;
  }
  return false;
}
const noControlCharacters = (text: string) => !hasControlCharacter(text);
/** Letters, digits and . _ / -, starting and ending with a letter or digit; never a colon. */
export const LABEL_KEY_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9._/-]{0,61}[A-Za-z0-9])?$/;
export const RESOURCE_ID_PATTERN = /^res_[A-Za-z0-9]{1,64}$/;

export const resourceTypeSchema = z
  .enum(RESOURCE_TYPES)
  .meta({ id: "ResourceType", example: "instance" });
export const resourceStatusSchema = z.enum(VISIBLE_STATUSES).meta({
  id: "ResourceStatus",
  description:
    "provisioning -> active (or failed); instances also stop (stopped) and start (active) again",
  example: "active",
});

export const resourceNameSchema = z
  .string()
  .trim()
  .min(1, { message: "must not be empty" })
  .max(255, { message: "must be at most 255 characters" })
  .refine(noControlCharacters, { message: "must not contain control characters" })
  .meta({ example: "Analytics Pipeline" });

export const labelsSchema = z
  .record(
    z.string().regex(LABEL_KEY_PATTERN, {
      message:
        "label keys are 1-63 letters, digits, '.', '_', '/' or '-', starting and ending with a letter or digit",
    }),
    z
      .string()
      .max(255, { message: "label values are at most 255 characters" })
      .refine(noControlCharacters, { message: "must not contain control characters" }),
  )
  .refine((labels) => Object.keys(labels).length <= MAX_LABELS, {
    message: `at most ${MAX_LABELS} labels`,
  })
  .meta({
    id: "Labels",
    description: "String map; PATCH replaces the whole map",
    example: { env: "prod", team: "data" },
  });

const referenceId = z.string().meta({ example: "res_7Hq2LmXw9KpB4cZt" });

// Create inputs, one per type. Strict: a field of another type is an error, not silently dropped.
export const instanceSpecInputSchema = z
  .strictObject({
    size: z
      .enum(INSTANCE_SIZE_SLUGS)
      .optional()
      .meta({ description: `Default ${DEFAULT_INSTANCE_SIZE} (the smallest)` }),
    image: z
      .enum(INSTANCE_IMAGES)
      .optional()
      .meta({ description: `Default ${DEFAULT_INSTANCE_IMAGE}` }),
    network_id: referenceId
      .nullable()
      .optional()
      .meta({ description: "A network in the same region to join" }),
  })
  .meta({ id: "InstanceSpecInput" });

export const volumeSpecInputSchema = z
  .strictObject({
    size_gb: z
      .number()
      .int({ message: "must be a whole number" })
      .min(VOLUME_MIN_GB, { message: `must be at least ${VOLUME_MIN_GB}` })
      .max(VOLUME_MAX_GB, { message: `must be at most ${VOLUME_MAX_GB}` })
      .optional()
      .meta({ description: `Default ${DEFAULT_VOLUME_GB}` }),
  })
  .meta({ id: "VolumeSpecInput", example: { size_gb: 100 } });

export const bucketSpecInputSchema = z
  .strictObject({
    versioning: z.boolean().optional().meta({ description: "Default false" }),
    public: z.boolean().optional().meta({ description: "Default false" }),
  })
  .meta({ id: "BucketSpecInput", example: { versioning: true } });

export const cidrSchema = z
  .string()
  .superRefine((value, ctx) => {
    const problem = cidrProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .meta({ example: DEFAULT_NETWORK_CIDR });

export const networkSpecInputSchema = z
  .strictObject({
    cidr: cidrSchema.optional().meta({ description: `Default ${DEFAULT_NETWORK_CIDR}` }),
  })
  .meta({ id: "NetworkSpecInput" });

export const loadBalancerSpecInputSchema = z
  .strictObject({
    algorithm: z
      .enum(LOAD_BALANCER_ALGORITHMS)
      .optional()
      .meta({ description: "Default round_robin" }),
    target_ids: z
      .array(referenceId)
      .max(MAX_LOAD_BALANCER_TARGETS, {
        message: `at most ${MAX_LOAD_BALANCER_TARGETS} targets`,
      })
      .optional()
      .meta({ description: "Instances in the same region" }),
    network_id: referenceId.nullable().optional(),
  })
  .meta({ id: "LoadBalancerSpecInput" });

export const specInputSchemas = {
  instance: instanceSpecInputSchema,
  volume: volumeSpecInputSchema,
  bucket: bucketSpecInputSchema,
  network: networkSpecInputSchema,
  load_balancer: loadBalancerSpecInputSchema,
} as const;

// What the API answers: every field present, defaults filled in.
export const instanceSpecSchema = z
  .object({
    size: z.string().meta({ example: DEFAULT_INSTANCE_SIZE }),
    image: z.string().meta({ example: DEFAULT_INSTANCE_IMAGE }),
    network_id: z.string().nullable(),
  })
  .meta({ id: "InstanceSpec" });
export const volumeSpecSchema = z
  .object({
    size_gb: z.number().int().meta({ example: 100 }),
    attached_instance_id: z.string().nullable(),
  })
  .meta({ id: "VolumeSpec" });
export const bucketSpecSchema = z
  .object({ versioning: z.boolean(), public: z.boolean() })
  .meta({ id: "BucketSpec", example: { versioning: true, public: false } });
export const networkSpecSchema = z
  .object({ cidr: z.string().meta({ example: DEFAULT_NETWORK_CIDR }) })
  .meta({ id: "NetworkSpec" });
export const loadBalancerSpecSchema = z
  .object({
    algorithm: z.enum(LOAD_BALANCER_ALGORITHMS),
    target_ids: z.array(z.string()),
    network_id: z.string().nullable(),
  })
  .meta({ id: "LoadBalancerSpec" });

export type InstanceSpec = z.infer<typeof instanceSpecSchema>;
export type VolumeSpec = z.infer<typeof volumeSpecSchema>;
export type BucketSpec = z.infer<typeof bucketSpecSchema>;
export type NetworkSpec = z.infer<typeof networkSpecSchema>;
export type LoadBalancerSpec = z.infer<typeof loadBalancerSpecSchema>;
export type ResourceSpec = InstanceSpec | VolumeSpec | BucketSpec | NetworkSpec | LoadBalancerSpec;

const resourceExample = {
  id: "res_Tn49WpXc2LmQ8vRb",
  type: "instance",
  name: "Analytics Pipeline",
  status: "provisioning",
  region: "eu-west-1",
  spec: { size: DEFAULT_INSTANCE_SIZE, image: DEFAULT_INSTANCE_IMAGE, network_id: null },
  labels: {},
  created_at: "2026-04-24T12:00:00.000Z",
  updated_at: "2026-04-24T12:00:00.000Z",
};

export const resourceSchema = z
  .object({
    id: z.string().meta({ example: "res_Tn49WpXc2LmQ8vRb" }),
    type: resourceTypeSchema,
    name: z.string().meta({ example: "Analytics Pipeline" }),
    status: resourceStatusSchema,
    region: z.string().meta({ example: "eu-west-1" }),
    spec: z.union([
      instanceSpecSchema,
      volumeSpecSchema,
      bucketSpecSchema,
      networkSpecSchema,
      loadBalancerSpecSchema,
    ]),
    labels: z.record(z.string(), z.string()),
    created_at: isoTimestamp,
    updated_at: isoTimestamp,
  })
  .meta({ id: "Resource", example: resourceExample });

export type ResourceDto = z.infer<typeof resourceSchema>;

const typedResource = <T extends z.ZodType>(type: string, spec: T, id: string) =>
  resourceSchema.extend({ type: z.literal(type), spec }).meta({ id });

export const typedResourceSchemas = {
  instance: typedResource("instance", instanceSpecSchema, "Instance"),
  volume: typedResource("volume", volumeSpecSchema, "Volume"),
  bucket: typedResource("bucket", bucketSpecSchema, "Bucket"),
  network: typedResource("network", networkSpecSchema, "Network"),
  load_balancer: typedResource("load_balancer", loadBalancerSpecSchema, "LoadBalancer"),
} as const;

export const resourceListSchema = pageSchema(resourceSchema, "ResourceList");
export type ResourceListDto = z.infer<typeof resourceListSchema>;

const createShape = {
  name: resourceNameSchema,
  region: z
    .string()
    .optional()
    .meta({ description: "A region slug from GET /v1/regions; default us-east-1" }),
  labels: labelsSchema.optional(),
};

export const createResourceSchema = z
  .strictObject({
    type: resourceTypeSchema.optional().meta({ description: "Default instance" }),
    ...createShape,
    spec: z.record(z.string(), z.unknown()).optional().meta({
      description:
        "Type specific, checked for the type: InstanceSpecInput, VolumeSpecInput, BucketSpecInput, NetworkSpecInput or LoadBalancerSpecInput",
    }),
  })
  .meta({
    id: "ResourceCreate",
    example: { name: "Analytics Pipeline", region: "eu-west-1" },
  });

export type CreateResourceBody = z.infer<typeof createResourceSchema>;

/** The body of POST /v1/instances and friends: the type comes from the path. */
export function typedCreateSchema<T extends z.ZodType>(spec: T, id: string) {
  return z.strictObject({ ...createShape, spec: spec.optional() }).meta({ id });
}

export const updateResourceSchema = z
  .strictObject({
    name: resourceNameSchema.optional(),
    labels: labelsSchema.optional(),
    spec: z
      .strictObject({
        size: z.enum(INSTANCE_SIZE_SLUGS).optional().meta({ description: "instance: resize" }),
        size_gb: z
          .number()
          .int({ message: "must be a whole number" })
          .max(VOLUME_MAX_GB, { message: `must be at most ${VOLUME_MAX_GB}` })
          .optional()
          .meta({ description: "volume: grow (volumes never shrink)" }),
        versioning: z.boolean().optional().meta({ description: "bucket" }),
        public: z.boolean().optional().meta({ description: "bucket" }),
      })
      .optional(),
  })
  .meta({
    id: "ResourceUpdate",
    description: "Rename, relabel (the map is replaced) or resize",
    example: { name: "Analytics Pipeline (eu)", labels: { env: "prod" } },
  });

export type UpdateResourceBody = z.infer<typeof updateResourceSchema>;

export const instanceActionSchema = z
  .discriminatedUnion(
    "type",
    [
      z.strictObject({ type: z.literal("reboot") }),
      z.strictObject({ type: z.literal("stop") }),
      z.strictObject({ type: z.literal("start") }),
      z.strictObject({ type: z.literal("resize"), size: z.enum(INSTANCE_SIZE_SLUGS) }),
    ],
    { error: "type must be one of reboot, stop, start, resize" },
  )
  .meta({ id: "InstanceAction", example: { type: "stop" } });

export const volumeActionSchema = z
  .discriminatedUnion(
    "type",
    [
      z.strictObject({ type: z.literal("attach"), instance_id: referenceId }),
      z.strictObject({ type: z.literal("detach"), instance_id: referenceId.optional() }),
    ],
    { error: "type must be attach or detach" },
  )
  .meta({ id: "VolumeAction", example: { type: "attach", instance_id: "res_7Hq2LmXw9KpB4cZt" } });

export const loadBalancerActionSchema = z
  .discriminatedUnion(
    "type",
    [
      z.strictObject({ type: z.literal("add_target"), instance_id: referenceId }),
      z.strictObject({ type: z.literal("remove_target"), instance_id: referenceId }),
    ],
    { error: "type must be add_target or remove_target" },
  )
  .meta({
    id: "LoadBalancerAction",
    example: { type: "add_target", instance_id: "res_7Hq2LmXw9KpB4cZt" },
  });

export type InstanceAction = z.infer<typeof instanceActionSchema>;
export type VolumeAction = z.infer<typeof volumeActionSchema>;
export type LoadBalancerAction = z.infer<typeof loadBalancerActionSchema>;

const labelFilterSchema = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9._/-]{0,61}[A-Za-z0-9])?:/, {
  message: "label must be key:value with a valid label key",
});

const filterShape = {
  ...paginationQueryShape,
  status: resourceStatusSchema.optional(),
  region: z.string().max(64).optional().meta({ description: "A region slug" }),
  q: z
    .string()
    .max(255, { message: "q must be at most 255 characters" })
    .optional()
    .meta({ description: "Name contains (case-insensitive)" }),
  label: z
    .union([labelFilterSchema, z.array(labelFilterSchema).max(20)])
    .optional()
    .meta({ description: "key:value; repeat for several labels (all must match)" }),
};

export const listResourcesQuerySchema = z.object({
  ...filterShape,
  type: resourceTypeSchema.optional(),
});
/** Typed routes filter by their own type; a `type` parameter there is ignored. */
export const listTypedResourcesQuerySchema = z.object(filterShape);

export type ListResourcesQuery = z.infer<typeof listResourcesQuerySchema>;

export const resourceIdParamsSchema = z.object({
  id: z.string().meta({ example: "res_Tn49WpXc2LmQ8vRb" }),
});
