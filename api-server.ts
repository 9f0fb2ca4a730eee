import { serve } from "@hono/node-server";
import { ConfigError, parseConfig } from "@/lib/config";
import { getRuntime } from "@/lib/runtime";

/** The API alone, as its own tier (no portal): `npm run start:api`. */
async function main(): Promise<void> {
  let port: number;
  try {
    port = parseConfig(process.env).port;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const runtime = await getRuntime();
  const server = serve({ fetch: runtime.api.fetch, port, hostname: runtime.config.host }, () =>
    runtime.logger.info(
      { port, store: runtime.store.kind },
      `API ready on http://localhost:${port}/v1`,
    ),
  );
  const shutdown = () => {
    server.close();
    void runtime.close().finally(() => process.exit(0));
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? `Start-up failed: ${error.message}` : error);
  process.exit(1);
});
