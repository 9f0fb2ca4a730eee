import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** A server of our own, beside the suite's: another configuration, its own store and port. */
export interface SpawnedServer {
  baseURL: string;
  port: number;
  stop(): Promise<void>;
}

/** A port nobody listens on right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

/**
 * Starts `node <args>` from the repository root on a free port and a fresh SQLite folder, with
 * `env` over a clean base (no store URLs, no PUBLIC_API_URL or NEXTAUTH_URL from the caller's
 * environment), and waits until /api/healthz answers. `env` may use `{port}`.
 */
export async function spawnServer(options: {
  args: string[];
  env: Record<string, string>;
  readyTimeoutMs?: number;
}): Promise<SpawnedServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "cap-e2e-server-"));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["DATABASE_URL", "REDIS_URL", "PUBLIC_API_URL", "NEXTAUTH_URL"])
    delete env[name];
  for (const [name, value] of Object.entries(options.env))
    env[name] = value.replaceAll("{port}", String(port));
  Object.assign(env, { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: env.LOG_LEVEL ?? "warn" });
  const child = spawn(process.execPath, options.args, {
    cwd: process.cwd(),
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const baseURL = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited(child);
    clearTimeout(killer);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`${baseURL}/api/healthz`, {
        signal: AbortSignal.timeout(5_000),
      });
      if (response.ok) return { baseURL, port, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`the server on port ${port} did not become ready:\n${stderr}`);
}
