import { z } from "zod";

const booleanFlag = z.enum(["1", "0", "true", "false", "yes", "no", "on", "off"], {
  message: "must be one of 1, 0, true, false, yes, no, on, off",
});
const truthy = new Set(["1", "true", "yes", "on"]);

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .url({ message: "must be a URL" })
    .refine((value) => protocols.some((p) => value.startsWith(p)), {
      message: `must start with ${protocols.join(" or ")}`,
    })
    .optional();

const environmentSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: optionalUrl(["postgres://", "postgresql://"]),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: optionalUrl(["redis://", "rediss://"]),
  CLOUD_API_URL: optionalUrl(["http://", "https://"]),
  PUBLIC_API_URL: optionalUrl(["http://", "https://"]),
  NEXTAUTH_SECRET: z.string().min(32, { message: "must be at least 32 characters" }).optional(),
  NEXTAUTH_URL: optionalUrl(["http://", "https://"]),
  GITHUB_ID: z.string().min(1).optional(),
  GITHUB_SECRET: z.string().min(1).optional(),
  SMTP_URL: optionalUrl(["smtp://", "smtps://"]),
  MAIL_FROM: z.string().min(3).default("Cloud API Platform <no-reply@localhost>"),
  REQUIRE_HTTPS: booleanFlag.optional(),
  TRUST_PROXY: z.string().min(1).default("loopback"),
  PROVISION_DELAY_MS: z.coerce.number().int().min(0).max(3_600_000).default(2000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SEED_DEMO: booleanFlag.optional(),
  JOBS: booleanFlag.optional(),
  /** Sign-ups per client address per hour (raise it for test runs that sign up many users). */
  SIGNUP_LIMIT_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(20),
  /** Webhook URLs may use http and private or loopback addresses (default: outside production). */
  WEBHOOK_ALLOW_PRIVATE_URLS: booleanFlag.optional(),
  /** How long a client may take to send a request's headers. */
  SERVER_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(20_000),
  /** How long a client may take to send a whole request (headers and body); not the answer. */
  SERVER_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  /** How long an idle keep-alive connection is kept open for the client's next request. */
  SERVER_IDLE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(5_000),
  /** Open connections at most; unset: derived from the open-file limit (lib/http/server-limits). */
  SERVER_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).optional(),
  /** Where Next writes its build (next.config.mjs reads it too): the docs link its stylesheet. */
  NEXT_DIST_DIR: z.string().min(1).default(".next"),
  EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  /** Days a request's log entry is kept; the usage rollups made from it stay. */
  REQUEST_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** How soon a crashed instance's open event streams stop counting against their key's 10. */
  EVENT_STREAM_SLOT_TTL_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
});

export type Config = {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  redisUrl: string | undefined;
  cloudApiUrl: string | undefined;
  publicApiUrl: string | undefined;
  nextAuthSecret: string | undefined;
  nextAuthUrl: string | undefined;
  github: { id: string; secret: string } | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  requireHttps: boolean;
  trustProxy: string;
  provisionDelayMs: number;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  seedDemo: boolean;
  runJobs: boolean;
  signupLimitPerHour: number;
  /** http:// and private, loopback or link-local webhook targets are accepted (never in production unless set). */
  webhookAllowPrivateUrls: boolean;
  /**
   * The origin of the docs that problem `type` links and the OpenAPI document point at:
   * PUBLIC_API_URL's, else NEXTAUTH_URL's, else http://localhost:PORT. Never a request's Host.
   */
  docsOrigin: string;
  nextDistDir: string;
  /** Events older than this are pruned from the log (and a cursor before them expires). */
  eventRetentionDays: number;
  auditRetentionDays: number;
  requestLogRetentionDays: number;
  eventStreamSlotTtlMs: number;
  server: {
    headersTimeoutMs: number;
    requestTimeoutMs: number;
    keepAliveTimeoutMs: number;
    /** undefined: derived from the process's open-file limit when the server starts. */
    maxConnections: number | undefined;
  };
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * The base URL customers call, as the operator configured it: PUBLIC_API_URL, else the portal's
 * public URL (NEXTAUTH_URL, whose origin also serves the API). Undefined when neither is set:
 * then the request's own origin is the answer (lib/net/public-base-url.ts).
 */
export function configuredApiBaseUrl(
  config: Pick<Config, "publicApiUrl" | "nextAuthUrl">,
): string | undefined {
  if (config.publicApiUrl) return config.publicApiUrl;
  return config.nextAuthUrl ? new URL(config.nextAuthUrl).origin : undefined;
}

/** Reads and validates the environment; the message names the first bad variable in one line. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== "") cleaned[key] = value;
  }
  const parsed = environmentSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue?.path.join(".") ?? "environment";
    const received = cleaned[variable];
    const shown = received === undefined ? "" : ` (got ${JSON.stringify(received.slice(0, 40))})`;
    throw new ConfigError(
      `Invalid configuration: ${variable} ${issue?.message ?? "is invalid"}${shown}`,
    );
  }
  const e = parsed.data;
  if ((e.GITHUB_ID === undefined) !== (e.GITHUB_SECRET === undefined)) {
    throw new ConfigError(
      "Invalid configuration: GITHUB_ID and GITHUB_SECRET must be set together",
    );
  }
  if (e.SERVER_HEADERS_TIMEOUT_MS > e.SERVER_REQUEST_TIMEOUT_MS) {
    throw new ConfigError(
      "Invalid configuration: SERVER_HEADERS_TIMEOUT_MS must not exceed SERVER_REQUEST_TIMEOUT_MS",
    );
  }
  const publicApiUrl = e.PUBLIC_API_URL?.replace(/\/+$/, "");
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    cloudApiUrl: e.CLOUD_API_URL,
    publicApiUrl,
    nextAuthSecret: e.NEXTAUTH_SECRET,
    nextAuthUrl: e.NEXTAUTH_URL,
    github:
      e.GITHUB_ID && e.GITHUB_SECRET ? { id: e.GITHUB_ID, secret: e.GITHUB_SECRET } : undefined,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    requireHttps:
      e.REQUIRE_HTTPS === undefined ? e.NODE_ENV === "production" : truthy.has(e.REQUIRE_HTTPS),
    trustProxy: e.TRUST_PROXY,
    provisionDelayMs: e.PROVISION_DELAY_MS,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO === undefined ? e.NODE_ENV === "development" : truthy.has(e.SEED_DEMO),
    runJobs: e.JOBS === undefined ? true : truthy.has(e.JOBS),
    signupLimitPerHour: e.SIGNUP_LIMIT_PER_HOUR,
    webhookAllowPrivateUrls:
      e.WEBHOOK_ALLOW_PRIVATE_URLS === undefined
        ? e.NODE_ENV !== "production"
        : truthy.has(e.WEBHOOK_ALLOW_PRIVATE_URLS),
    docsOrigin: new URL(publicApiUrl ?? e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`).origin,
    nextDistDir: e.NEXT_DIST_DIR,
    eventRetentionDays: e.EVENT_RETENTION_DAYS,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    requestLogRetentionDays: e.REQUEST_LOG_RETENTION_DAYS,
    eventStreamSlotTtlMs: e.EVENT_STREAM_SLOT_TTL_MS,
    server: {
      headersTimeoutMs: e.SERVER_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.SERVER_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.SERVER_IDLE_TIMEOUT_MS,
      maxConnections: e.SERVER_MAX_CONNECTIONS,
    },
  };
}

/**
 * The configuration this process's environment gives, read now. This is the one place that reads
 * process.env: the runtime, the servers, the CLIs and the few modules that run without a runtime
 * all come here. `defaults` fill what the environment leaves unset; `overrides` win over it.
 */
export function configFromEnvironment(
  options: { defaults?: Record<string, string>; overrides?: Record<string, string> } = {},
): Config {
  return parseConfig({ ...options.defaults, ...process.env, ...options.overrides });
}
