import {
  type DatabaseConnection,
  type Driver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from "kysely";
import { type ApiDeps, createApiApp } from "@/lib/api/app";
import { createMemoryBus } from "@/lib/bus";
import { parseConfig } from "@/lib/config";
import type { Database } from "@/lib/db/schema";
import { AuthCache } from "@/lib/keys/auth-cache";
import { LastUsedRecorder } from "@/lib/keys/last-used-recorder";
import { createLogger } from "@/lib/logger";
import { ApiRateLimiter } from "@/lib/ratelimit/api-rate-limiter";
import { UsageWriter } from "@/lib/usage/usage-writer";
import type { OpenApiDocument } from "./openapi-types";

export const NO_STORE_MESSAGE = "describing the API reads no store";

/** Every query fails: mounting the routes and describing them must never need one. */
class NoStoreDriver implements Driver {
  async init(): Promise<void> {}
  acquireConnection(): Promise<DatabaseConnection> {
    return Promise.reject(new Error(NO_STORE_MESSAGE));
  }
  async beginTransaction(): Promise<void> {}
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

/** A database handle that opens nothing (no file, no connection, no migration). */
export function noStoreDatabase(): Kysely<Database> {
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new NoStoreDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}

/**
 * The API's own OpenAPI document, made in-process from the mounted routes, so the reference is
 * generated from exactly what the API validates. The routes are mounted over a database handle
 * that refuses every query, so reading the document opens no store and runs no migration (the
 * build and every docs process make it this way). GET /v1/openapi.json is preferred (it carries
 * the info block, security scheme and x-required-scope); without that route the document comes
 * straight from the route registry.
 */
async function buildDocument(): Promise<OpenApiDocument> {
  const config = parseConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    REQUIRE_HTTPS: "0",
    SEED_DEMO: "0",
    JOBS: "0",
  });
  const logger = createLogger("silent");
  const db = noStoreDatabase();
  const bus = createMemoryBus();
  const deps: ApiDeps = {
    db,
    storeKind: "sqlite",
    config,
    logger,
    bus,
    now: () => new Date(),
    auth: new AuthCache(db, bus),
    lastUsed: new LastUsedRecorder(db, logger),
    rateLimiter: new ApiRateLimiter({ redis: null, logger }),
    usage: new UsageWriter(db, "sqlite", logger),
    sessionSecret: "describing-the-api-signs-nothing-at-all",
  };
  const api = createApiApp(deps);
  try {
    const response = await api.request("http://localhost/v1/openapi.json");
    if (response.ok) return (await response.json()) as OpenApiDocument;
    return api.getOpenAPI31Document({
      openapi: "3.1.0",
      info: { title: "Cloud API", version: "v1" },
    }) as unknown as OpenApiDocument;
  } finally {
    await deps.usage.close();
    await deps.lastUsed.close();
    deps.auth.close();
    deps.rateLimiter.close();
    await bus.close();
    await db.destroy();
  }
}

let cached: Promise<OpenApiDocument> | undefined;

/** Made once per process (every docs page is made from it). */
export function loadOpenApiDocument(): Promise<OpenApiDocument> {
  cached ??= buildDocument();
  return cached;
}
