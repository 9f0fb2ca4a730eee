import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";

/**
 * A benchmark server's environment: production, on loopback, a fresh store in `dataDir` (SQLite
 * unless `extra` sets DATABASE_URL), no Redis, quiet logs; `extra` wins.
 */
export function benchServerEnv(
  port: number,
  dataDir: string,
  extra: Record<string, string>,
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    REDIS_URL: "",
    LOG_LEVEL: "warn",
    REQUIRE_HTTPS: "0",
    SEED_DEMO: "0",
    NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret-01",
    ...extra,
  };
}

/** The value at quantile `q` (0..1) of ascending `sorted`: the nearest rank at or below it. */
export function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? Number.NaN;
}

/** The processes a benchmark started: killed however it ends. */
export const children = new Set<ChildProcess>();

/**
 * Waits for the `READY <key> <resource id>` line bench/usage-bench-server.ts prints once it
 * listens (the child's stdout must be a pipe).
 */
export async function seededServerReady(
  child: ChildProcess,
): Promise<{ key: string; resourceId: string }> {
  children.add(child);
  const ready = await new Promise<string>((resolve, reject) => {
    let buffer = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      const line = buffer.split("\n").find((l) => l.startsWith("READY "));
      if (line) resolve(line);
    });
    child.once("exit", (code) => reject(new Error(`API server exited (${code})`)));
  });
  const [, key, resourceId] = ready.trim().split(" ");
  return { key: key as string, resourceId: resourceId as string };
}

/** SIGTERM (the server closes its runtime), SIGKILL if it is still there after 5 s. */
export function stopChild(child: ChildProcess): Promise<void> {
  children.delete(child);
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5000).unref();
  });
}

/** Runs a benchmark: on any end (done, failed, Ctrl-C) its processes go and its data too. */
export function runBench(main: () => Promise<void>, dataRoot: string): void {
  const cleanUp = () => {
    for (const child of children) child.kill("SIGKILL");
    rmSync(dataRoot, { recursive: true, force: true });
  };
  process.on("exit", cleanUp);
  process.on("SIGINT", () => process.exit(130));
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
