import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { getRequestListener } from "@hono/node-server";
import next from "next";
import { type Config, ConfigError, parseConfig } from "@/lib/config";
import { portalSecurityHeaders } from "@/lib/http/portal-headers";
import { CLIENT_IP_HEADER, isApiPath } from "@/lib/http/surface";
import { newId } from "@/lib/ids";
import { arrivedOverHttps, clientAddress, parseProxyTrust } from "@/lib/net/trusted-proxy";
import { getRuntime, seedDemo } from "@/lib/runtime";
import { loadOrCreateSessionSecret } from "@/lib/secrets";

function loadConfig(): Config {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const dev = config.nodeEnv !== "production";
  // next-auth reads these from the environment; set them before Next loads any route.
  process.env.NEXTAUTH_SECRET = loadOrCreateSessionSecret(config.dataDir, config.nextAuthSecret);
  process.env.NEXTAUTH_URL ??= `http://localhost:${config.port}`;

  const started = performance.now();
  const runtime = await getRuntime();
  const { logger } = runtime;
  if (config.seedDemo) await seedDemo(runtime);

  const trust = parseProxyTrust(config.trustProxy);
  const apiListener = getRequestListener(runtime.api.fetch);
  const server = createServer();
  const nextApp = next({ dev, hostname: "localhost", port: config.port, httpServer: server });
  const handleNext = nextApp.getRequestHandler();
  await nextApp.prepare();

  const oauthOrigins = config.github ? ["https://github.com"] : [];
  const plainHeaders = portalSecurityHeaders({ dev, secure: false, oauthOrigins });
  const secureHeaders = portalSecurityHeaders({ dev, secure: true, oauthOrigins });

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? "/";
    const start = performance.now();
    if (isApiPath(url)) {
      res.once("finish", () =>
        runtime.metrics.observeRequest(
          "api",
          req.method ?? "GET",
          res.statusCode,
          (performance.now() - start) / 1000,
        ),
      );
      void apiListener(req, res);
      return;
    }
    const remote = req.socket.remoteAddress;
    const forwardedFor = req.headers["x-forwarded-for"];
    const forwardedProto = req.headers["x-forwarded-proto"];
    // Only we say who the client is: a client-sent copy of this header is dropped first.
    req.headers[CLIENT_IP_HEADER] = clientAddress(
      remote,
      typeof forwardedFor === "string" ? forwardedFor : undefined,
      trust,
    );
    const secure = arrivedOverHttps(
      "encrypted" in req.socket ? Boolean(req.socket.encrypted) : false,
      remote,
      typeof forwardedProto === "string" ? forwardedProto : undefined,
      trust,
    );
    const requestId = newId("req", 20);
    res.setHeader("X-Request-Id", requestId);
    for (const [name, value] of Object.entries(secure ? secureHeaders : plainHeaders))
      res.setHeader(name, value);
    res.once("finish", () => {
      const seconds = (performance.now() - start) / 1000;
      runtime.metrics.observeRequest("portal", req.method ?? "GET", res.statusCode, seconds);
      if (!url.startsWith("/_next/")) {
        logger.info(
          {
            request_id: requestId,
            method: req.method,
            path: url.split("?")[0],
            status: res.statusCode,
            ms: Math.round(seconds * 1000),
          },
          "portal request",
        );
      }
    });
    void handleNext(req, res);
  };
  server.on("request", onRequest);

  server.listen(config.port, config.host, () => {
    logger.info(
      {
        port: config.port,
        mode: dev ? "development" : "production",
        store: runtime.store.kind,
        redis: Boolean(runtime.redis),
        startup_ms: Math.round(performance.now() - started),
      },
      `ready on http://localhost:${config.port}`,
    );
  });

  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close();
    server.closeIdleConnections();
    void runtime
      .close()
      .then(() => nextApp.close())
      .finally(() => process.exit(0));
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? `Start-up failed: ${error.message}` : error);
  process.exit(1);
});
