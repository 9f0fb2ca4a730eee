import { createServer } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { rawProblem } from "@/lib/api/raw-problem";
import { type Config, ConfigError, configFromEnvironment } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { NO_UPGRADE, sendRawAnswerAndClose } from "@/lib/http/raw-answer";
import { hardenServer, serverOptionsOf } from "@/lib/http/server-limits";
import { createTurnBudget } from "@/lib/http/turn-budget";
import { getRuntime } from "@/lib/runtime";

/** The API alone, as its own tier (no portal): `npm run start:api`. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = configFromEnvironment();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const runtime = await getRuntime();
  const { port } = config;
  const apiListener = getRequestListener(runtime.api.fetch);
  const turnBudget = createTurnBudget();
  const server = createServer(serverOptionsOf(config.server), (req, res) =>
    turnBudget.admit(() => void apiListener(req, res)),
  );
  const maxConnections = hardenServer(server, {
    limits: config.server,
    logger: runtime.logger,
    onUpgrade: (_req, socket) =>
      sendRawAnswerAndClose(
        socket,
        rawProblem(new AppError("bad_request", NO_UPGRADE), config.docsOrigin),
      ),
  });
  server.listen(port, config.host, () =>
    runtime.logger.info(
      { port, store: runtime.store.kind, max_connections: maxConnections },
      `API ready on http://localhost:${port}/v1`,
    ),
  );
  const shutdown = () => {
    server.close();
    server.closeIdleConnections();
    void runtime.close().finally(() => process.exit(0));
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? `Start-up failed: ${error.message}` : error);
  process.exit(1);
});
