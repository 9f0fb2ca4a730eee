import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { parseConfig } from "@/lib/config";
import { randomBase62 } from "@/lib/ids";
import { createRuntime, type Runtime, type RuntimeOptions } from "@/lib/runtime";

export type StoreTarget = "sqlite" | "postgres";

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export function storeTargets(): StoreTarget[] {
  return process.env.TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];
}

export interface TestRuntimeOptions extends Omit<RuntimeOptions, "sqlitePath"> {
  env?: Record<string, string>;
  /** Share Redis (TEST_REDIS_URL) for cross-instance tests. */
  redis?: boolean;
  /** Reuse an existing PostgreSQL schema (a second instance on the same data). */
  postgresSchema?: string;
  /** Reuse a SQLite file (a second instance on the same data). */
  sqliteFile?: string;
}

export interface TestRuntime extends Runtime {
  target: StoreTarget;
  postgresSchema: string | null;
  sqliteFile: string | null;
}

/**
 * A whole runtime on a private store: a fresh SQLite file, or a fresh PostgreSQL schema that is
 * dropped on close. Jobs do not run by themselves; tests call jobs.drain().
 */
export async function createTestRuntime(
  target: StoreTarget,
  options: TestRuntimeOptions = {},
): Promise<TestRuntime> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "cap-test-"));
  const env: Record<string, string> = {
    NODE_ENV: "test",
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    REQUIRE_HTTPS: "0",
    SEED_DEMO: "0",
    NEXTAUTH_SECRET: "test-secret-test-secret-test-secret-0123",
    ...options.env,
  };
  if (options.redis) {
    const url = process.env.TEST_REDIS_URL;
    if (!url) throw new Error("this test needs TEST_REDIS_URL");
    env.REDIS_URL = url;
  }
  let schema: string | null = null;
  let sqliteFile: string | null = null;
  if (target === "postgres") {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) throw new Error("postgres tests need TEST_DATABASE_URL");
    schema = options.postgresSchema ?? `t_${randomBase62(10).toLowerCase()}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create schema if not exists "${schema}"`);
    await admin.end();
    const url = new URL(base);
    url.searchParams.set("options", `-c search_path=${schema}`);
    env.DATABASE_URL = url.toString();
    env.DATABASE_POOL_SIZE = env.DATABASE_POOL_SIZE ?? "5";
  } else {
    sqliteFile = options.sqliteFile ?? path.join(dataDir, "test.sqlite");
  }
  const runtime = await createRuntime(parseConfig(env), {
    ...options,
    sqlitePath: sqliteFile ?? undefined,
    startJobs: options.startJobs ?? false,
    usageInProcess: options.usageInProcess ?? true,
  });
  const ownsSchema = target === "postgres" && !options.postgresSchema;
  const close = runtime.close;
  return {
    ...runtime,
    target,
    postgresSchema: schema,
    sqliteFile,
    async close() {
      await close();
      if (ownsSchema && schema && process.env.TEST_DATABASE_URL) {
        const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await admin.connect();
        await admin.query(`drop schema if exists "${schema}" cascade`);
        await admin.end();
      }
    },
  };
}
