import path from "node:path";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { Redis } from "ioredis";
import { DEMO_EMAIL, type DemoAccount, seedDemoAccount } from "@/lib/accounts/demo-account";
import { createApiApp } from "@/lib/api/app";
import type { ApiEnv } from "@/lib/api/env";
import { registerAuditJobs } from "@/lib/audit/retention-jobs";
import { registerBillingJobs } from "@/lib/billing/billing-jobs";
import { seedDemoUsage } from "@/lib/billing/demo-seed";
import { type Bus, createMemoryBus, createRedisBus } from "@/lib/bus";
import { createPostgresBus } from "@/lib/bus-postgres";
import { type Config, configFromEnvironment } from "@/lib/config";
import { openStore, type Store } from "@/lib/db/client";
import { migrateToLatest } from "@/lib/db/migrate";
import { registerDeploymentJobs } from "@/lib/deployments/register-deployment-jobs";
import { registerEmailJobs } from "@/lib/email/email-jobs";
import { relayEventSignals } from "@/lib/events/event-signal";
import { registerEventJobs } from "@/lib/events/retention-jobs";
import { createMemoryStreamSlots, type StreamSlots } from "@/lib/events/stream/stream-slots";
import { createPostgresStreamSlots } from "@/lib/events/stream/stream-slots-postgres";
import { createRedisStreamSlots } from "@/lib/events/stream/stream-slots-redis";
import { registerIdempotencyJobs } from "@/lib/idempotency/cleanup-job";
import type { JobDeps } from "@/lib/jobs/job-deps";
import { JobRunner } from "@/lib/jobs/job-runner";
import { AuthCache } from "@/lib/keys/auth-cache";
import { LastUsedRecorder } from "@/lib/keys/last-used-recorder";
import { watchPlanChanges } from "@/lib/keys/plan-change-watch";
import { createLogger, type Logger } from "@/lib/logger";
import { createMetrics, type Metrics } from "@/lib/metrics";
import { ApiRateLimiter } from "@/lib/ratelimit/api-rate-limiter";
import { registerRequestLogJobs } from "@/lib/request-logs/retention-jobs";
import { seedDemoResources } from "@/lib/resources/demo-seed";
import { registerResourceJobs } from "@/lib/resources/register-resource-jobs";
import { loadOrCreateSessionSecret } from "@/lib/secrets";
import { registerUsageJobs } from "@/lib/usage/usage-jobs";
import { openUsageSink } from "@/lib/usage/usage-sink";
import { UsageWriter } from "@/lib/usage/usage-writer";
import { registerWebhookJobs } from "@/lib/webhooks/register-webhook-jobs";
import { sendWebhook } from "@/lib/webhooks/send-webhook";
import { webhookSettingsOf } from "@/lib/webhooks/webhook-context";

/** Everything one process runs, made once and shared by the API, the portal and the jobs. */
export interface Runtime {
  config: Config;
  logger: Logger;
  store: Store;
  redis: Redis | null;
  bus: Bus;
  metrics: Metrics;
  jobs: JobRunner;
  api: OpenAPIHono<ApiEnv>;
  /** Key and organization lookups of the hot path; invalidate through lib/keys/cache-invalidation. */
  auth: AuthCache;
  /** Batched last_used_at writes (flushed on close). */
  lastUsed: LastUsedRecorder;
  /** Per-bucket request counters (Redis when configured); peek() for GET /v1/rate-limits. */
  rateLimiter: ApiRateLimiter;
  /** Raw request records (request_log, migration 0011), batched; flush() to write what is pending now. */
  usage: UsageWriter;
  sessionSecret: string;
  now: () => Date;
  /** Stops jobs, flushes buffers and closes connections; safe to call twice. */
  close(): Promise<void>;
}

export interface RuntimeOptions {
  now?: () => Date;
  /** Overrides the SQLite file (tests use ":memory:"). */
  sqlitePath?: string;
  /** Start the background job loop (tests drive jobs by hand with jobs.drain()). */
  startJobs?: boolean;
  logger?: Logger;
  /** Namespaces rate-limit counters in Redis (tests sharing one Redis use one per test). */
  rateLimitKeyPrefix?: string;
  /**
   * Write usage records in this thread instead of the sink thread (lib/usage/usage-sink.ts).
   * Unit tests do: starting the thread costs ~0.5 s of CPU, and each test file makes several
   * runtimes; lib/usage/usage-sink.test.ts and the end-to-end suite run the thread.
   */
  usageInProcess?: boolean;
}

function redisClient(url: string): Redis {
  // Fail fast instead of queueing commands while Redis is away: callers fall back or answer 503.
  return new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
}

/** Start-up waits briefly for Redis so the first requests find it; if it is down we still start. */
function whenReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === "ready") return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(false), timeoutMs);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      redis.off("ready", onReady);
      resolve(ok);
    };
    const onReady = () => done(true);
    redis.on("ready", onReady);
  });
}

/** The portal's public origin for links in mails and notices (NEXTAUTH_URL), if configured. */
const portalUrlOf = (config: Config) => config.nextAuthUrl?.replace(/\/+$/, "");

/**
 * Every background job type, registered once per process before the loop starts. Each feature
 * exports a `register<Feature>Jobs(deps)` taking the few dependencies it uses; add one line here.
 * Periodic jobs also schedule their first run: those writes are returned so start-up waits for
 * them, and no write of this runtime is left pending once it is up (a second runtime on the same
 * SQLite file in one process, as the cross-instance tests run, would block on it synchronously).
 */
function registerJobHandlers(
  base: JobDeps,
  wiring: { config: Config; storeKind: Store["kind"]; sessionSecret: string },
): Promise<void>[] {
  const { config, storeKind } = wiring;
  registerResourceJobs(base);
  registerDeploymentJobs({ ...base, provisionDelayMs: config.provisionDelayMs });
  registerEmailJobs({ ...base, smtpUrl: config.smtpUrl, mailFrom: config.mailFrom });
  registerWebhookJobs({
    ...base,
    settings: webhookSettingsOf(config, wiring.sessionSecret),
    send: sendWebhook,
    portalUrl: portalUrlOf(config),
  });
  return [
    registerIdempotencyJobs(base),
    registerEventJobs({ ...base, retentionDays: config.eventRetentionDays }),
    registerAuditJobs({ ...base, retentionDays: config.auditRetentionDays }),
    registerRequestLogJobs({ ...base, retentionDays: config.requestLogRetentionDays }),
    registerUsageJobs({ ...base, storeKind }),
    registerBillingJobs({
      ...base,
      storeKind,
      deliverEmail: Boolean(config.smtpUrl),
      portalUrl: config.nextAuthUrl,
    }),
  ];
}

/** Where open event streams are counted: Redis, else PostgreSQL, else this process. */
function streamSlotsOf(
  config: Config,
  store: Store,
  redis: Redis | null,
  logger: Logger,
): StreamSlots {
  const ttlMs = config.eventStreamSlotTtlMs;
  if (redis) return createRedisStreamSlots({ redis, logger, ttlMs });
  if (store.kind === "postgres" && config.databaseUrl)
    return createPostgresStreamSlots({ url: config.databaseUrl, logger, ttlMs });
  return createMemoryStreamSlots();
}

export async function createRuntime(
  config: Config,
  options: RuntimeOptions = {},
): Promise<Runtime> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const now = options.now ?? (() => new Date());
  const store = openStore({
    databaseUrl: config.databaseUrl,
    sqlitePath: options.sqlitePath ?? path.join(config.dataDir, "cloud.sqlite"),
    poolSize: config.databasePoolSize,
  });
  const applied = await migrateToLatest(store.db, store.kind);
  if (applied.length > 0)
    logger.info({ migrations: applied, store: store.kind }, "migrations applied");

  let redis: Redis | null = null;
  let bus: Bus = createMemoryBus();
  if (config.redisUrl) {
    redis = redisClient(config.redisUrl);
    redis.on("error", (error: Error) => logger.warn({ err: error.message }, "redis error"));
    // No ready check: its INFO would be refused once the connection has subscribed.
    const subscriber = new Redis(config.redisUrl, {
      maxRetriesPerRequest: null,
      enableReadyCheck: false,
    });
    subscriber.on("error", (error: Error) =>
      logger.warn({ err: error.message }, "redis subscriber error"),
    );
    bus = createRedisBus(redis, subscriber);
    if (!(await whenReady(redis, 5000)))
      logger.warn("redis is not reachable yet; readiness reports it");
  } else if (store.kind === "postgres" && config.databaseUrl) {
    bus = createPostgresBus({ url: config.databaseUrl, logger });
  }
  const busAcrossInstances = redis !== null || store.kind === "postgres";

  const metrics = createMetrics();
  // Concurrent jobs (webhook attempts) leave half of a PostgreSQL pool to requests.
  const jobConcurrency = store.kind === "postgres" ? Math.floor(config.databasePoolSize / 2) : 20;
  const jobs = new JobRunner(store.db, store.kind, logger, now, { concurrency: jobConcurrency });
  const sessionSecret = loadOrCreateSessionSecret(config.dataDir, config.nextAuthSecret);
  const auth = new AuthCache(store.db, bus);
  // Without Redis nothing tells this process about a plan changed by another one (the admin CLI).
  const planWatch = redis ? null : watchPlanChanges({ db: store.db, bus, logger });
  // Over Redis or PostgreSQL, "an event was appended" reaches event streams on every instance.
  const stopEventRelay = busAcrossInstances ? relayEventSignals(bus) : () => undefined;
  const lastUsed = new LastUsedRecorder(store.db, logger);
  const rateLimiter = new ApiRateLimiter({ redis, logger, keyPrefix: options.rateLimitKeyPrefix });
  const usage = new UsageWriter(store.db, store.kind, logger, {
    sink: options.usageInProcess ? undefined : openUsageSink(store, logger),
  });
  const streamSlots = streamSlotsOf(config, store, redis, logger);
  const api = createApiApp({
    db: store.db,
    storeKind: store.kind,
    config,
    logger,
    bus,
    now,
    auth,
    lastUsed,
    rateLimiter,
    usage,
    sessionSecret,
    streamSlots,
  });

  let closing: Promise<void> | undefined;
  const runtime: Runtime = {
    config,
    logger,
    store,
    redis,
    bus,
    metrics,
    jobs,
    api,
    auth,
    lastUsed,
    rateLimiter,
    usage,
    sessionSecret,
    now,
    close() {
      closing ??= (async () => {
        await jobs.stop();
        // Open event streams end and give their slots back while Redis and the store are up.
        await streamSlots.close();
        await planWatch?.stop();
        // Buffered writes first, while the store is still open.
        await usage.close();
        await lastUsed.close();
        auth.close();
        rateLimiter.close();
        stopEventRelay();
        await bus.close();
        redis?.disconnect();
        await store.close();
      })();
      return closing;
    },
  };
  await Promise.all(
    registerJobHandlers(
      { db: store.db, jobs, now, logger },
      { config, storeKind: store.kind, sessionSecret },
    ),
  );
  if (options.startJobs ?? config.runJobs) jobs.start();
  return runtime;
}

/**
 * On an empty store only: the demo account, then the demo content of the features that own it
 * (two months of usage with last month's invoice, then a small estate of resources).
 */
export async function seedDemo(runtime: Runtime): Promise<DemoAccount | null> {
  const { db, kind } = runtime.store;
  const account = await seedDemoAccount({ db, now: runtime.now });
  if (!account) return null;
  const deps = { db, storeKind: kind, now: runtime.now, portalUrl: runtime.config.nextAuthUrl };
  await seedDemoUsage(deps, account);
  await seedDemoResources(deps, account);
  runtime.logger.info({ email: DEMO_EMAIL }, "seeded the demo account");
  return account;
}

const RUNTIME_KEY = Symbol.for("cloud-api-platform.runtime");
type GlobalWithRuntime = typeof globalThis & { [RUNTIME_KEY]?: Promise<Runtime> };

/**
 * The process-wide runtime. Kept on globalThis because server.ts and Next's bundles load this
 * module separately; both must share one store handle, one job loop and one API app.
 */
export function getRuntime(): Promise<Runtime> {
  const holder = globalThis as GlobalWithRuntime;
  holder[RUNTIME_KEY] ??= createRuntime(configFromEnvironment());
  return holder[RUNTIME_KEY];
}
