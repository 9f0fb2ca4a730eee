import { z } from "zod";
import {
  DEFAULT_INSTANCE_IMAGE,
  DEFAULT_INSTANCE_SIZE,
  INSTANCE_IMAGES,
  INSTANCE_SIZE_SLUGS,
  VOLUME_MAX_GB,
  VOLUME_MIN_GB,
} from "@/lib/catalog/resources";
import { isoTimestamp } from "./common";
import { pageSchema, paginationQueryShape } from "./pagination";

export const DEPLOYMENT_STATUSES = [
  "queued",
  "in_progress",
  "paused",
  "awaiting_approval",
  "succeeded",
  "failed",
  "rolling_back",
  "rolled_back",
  "rollback_failed",
  "canceled",
  "rejected",
] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** Statuses after which nothing more happens to a deployment. */
export const FINISHED_DEPLOYMENT_STATUSES: readonly DeploymentStatus[] = [
  "succeeded",
  "failed",
  "rolled_back",
  "rollback_failed",
  "canceled",
  "rejected",
];

export const TARGET_STATUSES = [
  "pending",
  "in_progress",
  "baking",
  "succeeded",
  "failed",
  "rolled_back",
  "skipped",
] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

export const MAX_INSTANCES_PER_REGION = 20;
export const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;
export const MAX_BAKE_SECONDS = 24 * 3600;

const serviceName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, {
    message: "service must be 1-63 lowercase letters, digits or dashes, starting with a letter",
  })
  .meta({ example: "web" });

export const serviceTemplateSchema = z
  .strictObject({
    size: z
      .enum(INSTANCE_SIZE_SLUGS)
      .optional()
      .meta({ description: `Default ${DEFAULT_INSTANCE_SIZE}` }),
    image: z
      .enum(INSTANCE_IMAGES)
      .optional()
      .meta({ description: `Default ${DEFAULT_INSTANCE_IMAGE}` }),
    count: z
      .number()
      .int()
      .min(1)
      .max(MAX_INSTANCES_PER_REGION)
      .meta({ description: "Instances per region", example: 3 }),
    load_balancer: z
      .boolean()
      .optional()
      .meta({ description: "A load balancer per region targeting the instances; default false" }),
    volume_gb: z
      .number()
      .int()
      .min(VOLUME_MIN_GB)
      .max(VOLUME_MAX_GB)
      .optional()
      .meta({ description: "A volume of this size attached to each instance" }),
  })
  .meta({
    id: "ServiceTemplate",
    example: { size: "s-1vcpu-1gb", image: "ubuntu-24.04", count: 3, load_balancer: true },
  });
export type ServiceTemplateInput = z.infer<typeof serviceTemplateSchema>;

const regionSlug = z.string().min(1).max(64).meta({ example: "us-east-1" });
const bakeSeconds = z.number().int().min(0).max(MAX_BAKE_SECONDS);

export const waveSchema = z
  .strictObject({
    regions: z.array(regionSlug).min(1),
    bake_seconds: bakeSeconds
      .optional()
      .meta({ description: "How long the wave must stay healthy before the next starts" }),
    approval: z
      .strictObject({ required: z.boolean() })
      .optional()
      .meta({ description: "Hold the wave until another member approves it" }),
  })
  .meta({ id: "DeploymentWave" });

export const strategySchema = z
  .discriminatedUnion("type", [
    z.strictObject({
      type: z.literal("rolling"),
      waves: z.array(waveSchema).min(1).optional().meta({
        description: "Default: one region per wave, in the order of regions",
      }),
      max_parallel: z.number().int().min(1).max(50).optional().meta({
        description: "Regions of one wave changed at the same time; default all of the wave",
      }),
      bake_seconds: bakeSeconds.optional().meta({ description: "Bake of the default waves" }),
    }),
    z.strictObject({ type: z.literal("parallel") }),
    z.strictObject({
      type: z.literal("canary"),
      canary_region: regionSlug,
      bake_seconds: bakeSeconds.optional(),
    }),
  ])
  .meta({ id: "DeploymentStrategy", example: { type: "rolling" } });
export type StrategyInput = z.infer<typeof strategySchema>;

export const deploymentInputSchema = z
  .strictObject({
    service: serviceName,
    template: serviceTemplateSchema,
    regions: z
      .array(regionSlug)
      .min(1)
      .max(20)
      .meta({ example: ["us-east-1", "eu-west-1"] }),
    strategy: strategySchema.optional().meta({ description: "Default rolling" }),
    on_failure: z.enum(["rollback", "halt"]).optional().meta({ description: "Default rollback" }),
    progress_deadline_seconds: z
      .number()
      .int()
      .min(1)
      .max(86_400)
      .optional()
      .meta({ description: `Default ${DEFAULT_PROGRESS_DEADLINE_SECONDS}` }),
    plan_id: z
      .string()
      .optional()
      .meta({ description: "A plan to hold the deployment to: 409 plan_stale if its base moved" }),
  })
  .meta({
    id: "DeploymentInput",
    example: {
      service: "web",
      template: { size: "s-1vcpu-1gb", image: "ubuntu-24.04", count: 2, load_balancer: true },
      regions: ["us-east-1", "eu-west-1"],
      strategy: { type: "rolling" },
    },
  });
export type DeploymentInput = z.infer<typeof deploymentInputSchema>;

export const CHANGE_ACTIONS = ["create", "replace", "delete", "keep"] as const;

export const planChangeSchema = z
  .object({
    action: z.enum(CHANGE_ACTIONS),
    resource_type: z.enum(["instance", "volume", "load_balancer"]),
    count: z.number().int(),
    size: z.string().nullable(),
    image: z.string().nullable(),
  })
  .meta({ id: "DeploymentPlanChange" });

export const planRegionSchema = z
  .object({
    region: z.string(),
    available: z.boolean(),
    changes: z.array(planChangeSchema),
    monthly_cost_before: z.number().int().meta({ description: "Cents per month" }),
    monthly_cost_after: z.number().int().meta({ description: "Cents per month" }),
  })
  .meta({ id: "DeploymentPlanRegion" });

export const deploymentPlanSchema = z
  .object({
    id: z.string().meta({ example: "plan_3Lw9bXkQ2mV7cT1aZp0Y" }),
    object: z.literal("deployment_plan"),
    service: z.string(),
    base_deployment_id: z.string().nullable(),
    expires_at: isoTimestamp,
    currency: z.literal("usd"),
    regions: z.array(planRegionSchema),
    monthly_cost_delta: z.number().int().meta({ description: "Cents per month" }),
  })
  .meta({ id: "DeploymentPlan" });
export type DeploymentPlanDto = z.infer<typeof deploymentPlanSchema>;

export const deploymentStepSchema = z
  .object({
    name: z.string(),
    status: z.enum(["pending", "running", "succeeded", "failed", "skipped"]),
    started_at: isoTimestamp.nullable(),
    ended_at: isoTimestamp.nullable(),
    detail: z.string().nullable(),
  })
  .meta({ id: "DeploymentStep" });
export type DeploymentStepDto = z.infer<typeof deploymentStepSchema>;

export const deploymentTargetSchema = z
  .object({
    region: z.string(),
    wave: z.number().int(),
    status: z.enum(TARGET_STATUSES),
    steps: z.array(deploymentStepSchema),
    resources: z.object({
      desired: z.number().int(),
      active: z.number().int(),
      failed: z.number().int(),
    }),
  })
  .meta({ id: "DeploymentTarget" });

export const deploymentWaveSchema = z
  .object({
    index: z.number().int(),
    regions: z.array(z.string()),
    bake_seconds: z.number().int(),
    approval_required: z.boolean(),
    approved_by: z.string().nullable(),
  })
  .meta({
    id: "DeploymentWaveState",
    example: {
      index: 1,
      regions: ["us-east-1", "eu-west-1"],
      bake_seconds: 300,
      approval_required: true,
      approved_by: null,
    },
  });

export const deploymentSchema = z
  .object({
    id: z.string().meta({ example: "dep_3Lw9bXkQ2mV7cT1aZp0Y" }),
    object: z.literal("deployment"),
    service: z.string(),
    revision: z.number().int(),
    status: z.enum(DEPLOYMENT_STATUSES),
    template: z.object({
      size: z.string(),
      image: z.string(),
      count: z.number().int(),
      load_balancer: z.boolean(),
      volume_gb: z.number().int().nullable(),
    }),
    regions: z.array(z.string()),
    strategy: z.object({ type: z.enum(["rolling", "parallel", "canary"]) }).passthrough(),
    waves: z.array(deploymentWaveSchema),
    current_wave: z.number().int().nullable(),
    on_failure: z.enum(["rollback", "halt"]),
    progress_deadline_seconds: z.number().int(),
    base_deployment_id: z.string().nullable(),
    rollback_of: z.string().nullable(),
    created_by: z.string().nullable().meta({ description: "The member (usr_) or key (key_)" }),
    failure_reason: z.string().nullable(),
    targets: z.array(deploymentTargetSchema),
    progress: z.object({
      total: z.number().int(),
      succeeded: z.number().int(),
      failed: z.number().int(),
      running: z.number().int(),
    }),
    created_at: isoTimestamp,
    updated_at: isoTimestamp,
    finished_at: isoTimestamp.nullable(),
  })
  .meta({ id: "Deployment" });
export type DeploymentDto = z.infer<typeof deploymentSchema>;

export const deploymentListSchema = pageSchema(deploymentSchema, "DeploymentList");

export const listDeploymentsQuerySchema = z.object({
  ...paginationQueryShape,
  service: z.string().optional(),
  status: z.enum(DEPLOYMENT_STATUSES).optional(),
});

export const deploymentIdParamsSchema = z.object({
  id: z.string().meta({ example: "dep_3Lw9bXkQ2mV7cT1aZp0Y" }),
});
