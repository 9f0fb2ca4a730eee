import { z } from "zod";
import { isoTimestamp } from "./common";

/** A time: full ISO 8601 with a zone (`2026-11-01T00:00:00Z`) or a UTC date (`2026-11-01`). */
export const timeParam = z
  .string()
  .refine(
    (value) =>
      (/^\d{4}-\d{2}-\d{2}$/.test(value) ||
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) &&
      !Number.isNaN(Date.parse(value)),
    { message: "must be an ISO 8601 time with a zone (2026-11-01T00:00:00Z) or a date" },
  );

export const GRANULARITIES = ["minute", "hour", "day"] as const;
export const USAGE_GROUP_BYS = ["key", "route", "status", "region", "type"] as const;
export const USAGE_METRICS = ["requests", "resource_hours"] as const;

export const usageQuerySchema = z.object({
  from: timeParam.optional().meta({
    description:
      "Start (inclusive), rounded down to the granularity in UTC. Default: `to` minus 1 hour (minute), 24 hours (hour) or 30 days (day)",
    example: "2026-11-01T00:00:00Z",
  }),
  to: timeParam.optional().meta({
    description: "End (exclusive), rounded up to the granularity in UTC. Default: now",
    example: "2026-11-26T00:00:00Z",
  }),
  granularity: z.enum(GRANULARITIES).optional().meta({
    description:
      "Bucket size (default hour). At most 1,440 minute buckets within the last 7 days, 744 hour buckets (31 days) or 400 day buckets",
    example: "day",
  }),
  group_by: z.enum(USAGE_GROUP_BYS).optional().meta({
    description:
      "Split into series: key, route or status for requests; region or type for resource hours (group_by=region implies metric=resource_hours)",
    example: "status",
  }),
  metric: z.enum(USAGE_METRICS).optional().meta({
    description: "requests (default) or resource_hours",
    example: "requests",
  }),
  key_id: z
    .string()
    .regex(/^(key_[A-Za-z0-9]{1,64}|portal)$/, { message: "must be a key id or `portal`" })
    .optional()
    .meta({ description: "Only this key's requests (`portal`: members via the dashboard)" }),
  route: z
    .string()
    .max(300)
    .optional()
    .meta({ description: "Only this route, as the series label it: `GET /v1/resources/:id`" }),
  format: z.enum(["json", "csv"]).optional().meta({
    description: "csv answers text/csv, one row per series and bucket",
  }),
});

export type UsageQuery = z.infer<typeof usageQuerySchema>;

const latencySchema = z
  .object({
    p50: z.number().nullable().meta({ example: 12.4 }),
    p95: z.number().nullable().meta({ example: 87.1 }),
    avg: z.number().nullable().meta({ example: 20.3 }),
  })
  .meta({
    id: "LatencyFigures",
    description:
      "Milliseconds, from a log-scale histogram (buckets √2 wide: within about ±19%); null without requests",
  });

const statusCountsSchema = z
  .object({
    "2xx": z.number().int(),
    "3xx": z.number().int(),
    "4xx": z.number().int(),
    "5xx": z.number().int(),
  })
  .meta({
    id: "StatusClassCounts",
    example: { "2xx": 9_412, "3xx": 0, "4xx": 131, "5xx": 2 },
  });

export const requestFiguresSchema = z
  .object({
    requests: z.number().int().meta({ example: 1520 }),
    status: statusCountsSchema,
    throttled: z.number().int().meta({ description: "Answers with 429", example: 3 }),
    latency_ms: latencySchema,
    bytes_in: z.number().int(),
    bytes_out: z.number().int(),
  })
  .meta({ id: "RequestFigures" });

export const requestPointSchema = requestFiguresSchema
  .extend({ timestamp: isoTimestamp })
  .meta({ id: "RequestUsagePoint" });

export const resourceFiguresSchema = z
  .object({
    resource_hours: z.number().meta({ example: 48.5 }),
    storage_gb_hours: z.number().meta({ description: "Volume GB × hours", example: 480 }),
  })
  .meta({ id: "ResourceFigures" });

export const resourcePointSchema = resourceFiguresSchema
  .extend({ timestamp: isoTimestamp })
  .meta({ id: "ResourceUsagePoint" });

const seriesSchema = z
  .object({
    group: z.string().nullable().meta({
      description: "Key id, route, status class, region or type; null when not grouped",
      example: "2xx",
    }),
    label: z.string().meta({ example: "2xx" }),
    totals: z.union([requestFiguresSchema, resourceFiguresSchema]),
    points: z.array(z.union([requestPointSchema, resourcePointSchema])),
  })
  .meta({ id: "UsageSeries" });

export const usageSchema = z
  .object({
    object: z.literal("usage"),
    metric: z.enum(USAGE_METRICS),
    granularity: z.enum(GRANULARITIES),
    group_by: z.enum(USAGE_GROUP_BYS).nullable(),
    environment: z.enum(["live", "test"]),
    from: isoTimestamp,
    to: isoTimestamp,
    series: z.array(seriesSchema),
    totals: z.union([requestFiguresSchema, resourceFiguresSchema]),
    data_through: isoTimestamp.meta({
      description: "Rollups are complete up to here; later requests are read from the raw records",
    }),
  })
  .meta({
    id: "Usage",
    description:
      "Usage of the key's project and environment (sandbox keys see sandbox usage), zero-filled per bucket",
  });

export type UsageDto = z.infer<typeof usageSchema>;
export type RequestFiguresDto = z.infer<typeof requestFiguresSchema>;
export type RequestPointDto = z.infer<typeof requestPointSchema>;
export type ResourceFiguresDto = z.infer<typeof resourceFiguresSchema>;
export type ResourcePointDto = z.infer<typeof resourcePointSchema>;
export type UsageSeriesDto = z.infer<typeof seriesSchema>;

export const rateLimitWindowSchema = z
  .object({
    limit: z.number().int().meta({ description: "Requests per window", example: 100 }),
    used: z.number().int().meta({ example: 42 }),
    remaining: z.number().int().meta({ example: 58 }),
    window_seconds: z.number().int().meta({ example: 60 }),
    reset: z.number().int().meta({
      description: "Unix seconds when the current window ends (as X-RateLimit-Reset)",
      example: 1_795_000_000,
    }),
    reset_in: z.number().int().meta({ description: "Seconds until then", example: 17 }),
  })
  .meta({ id: "RateLimitWindow" });

export const rateLimitsQuerySchema = z.object({
  from: timeParam.optional().meta({
    description: "Start of the 429 history (default: 24 hours before `to`)",
  }),
  to: timeParam.optional().meta({ description: "End of the 429 history (default: now)" }),
  granularity: z
    .enum(GRANULARITIES)
    .optional()
    .meta({ description: "Buckets of the 429 history (default hour)" }),
});

export const rateLimitsSchema = z
  .object({
    object: z.literal("rate_limits"),
    plan: z.enum(["free", "pro", "enterprise"]),
    environment: z.enum(["live", "test"]),
    limit_source: z.enum(["plan", "override", "sandbox"]).meta({
      description: "Where the limit of this environment's window comes from",
    }),
    window: rateLimitWindowSchema.meta({
      description: "The window this key's environment spends: the plan's (live) or the sandbox's",
    }),
    live: rateLimitWindowSchema,
    sandbox: rateLimitWindowSchema,
    keys: z
      .array(
        z.object({
          key_id: z.string().nullable(),
          name: z.string(),
          requests_this_window: z.number().int(),
          share_of_limit: z.number().meta({ description: "0..1 of the window's limit" }),
        }),
      )
      .meta({ description: "Requests per key in the current window (from usage records)" }),
    throttled: z
      .object({
        from: isoTimestamp,
        to: isoTimestamp,
        granularity: z.enum(GRANULARITIES),
        total: z.number().int(),
        by_key: z.array(
          z.object({
            key_id: z.string().nullable(),
            name: z.string(),
            throttled: z.number().int(),
            requests: z.number().int(),
          }),
        ),
        points: z.array(z.object({ timestamp: isoTimestamp, throttled: z.number().int() })),
      })
      .meta({ description: "429 answers in the range, per key and over time" }),
  })
  .meta({ id: "RateLimits" });

export type RateLimitsDto = z.infer<typeof rateLimitsSchema>;
