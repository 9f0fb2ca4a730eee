import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { getRequestListener } from "@hono/node-server";
import next from "next";
import { rawProblem } from "@/lib/api/raw-problem";
import {
  type Config,
  ConfigError,
  configFromEnvironment,
  configuredApiBaseUrl,
} from "@/lib/config";
import { AppError } from "@/lib/errors";
import { portalSecurityHeaders } from "@/lib/http/portal-headers";
import {
  NO_UPGRADE,
  plainErrorPage,
  type RawAnswer,
  sendRawAnswerAndClose,
} from "@/lib/http/raw-answer";
import { hardenServer, serverOptionsOf, type UpgradeListener } from "@/lib/http/server-limits";
import {
  CLIENT_IP_HEADER,
  CLIENT_PROTO_HEADER,
  isApiPath,
  PUBLIC_BASE_URL_HEADER,
} from "@/lib/http/surface";
import { createTurnBudget } from "@/lib/http/turn-budget";
import { malformedTargetReason } from "@/lib/http/url-check";
import { newId } from "@/lib/ids";
import { publicBaseUrl } from "@/lib/net/public-base-url";
import { arrivedOverHttps, clientAddress, parseProxyTrust } from "@/lib/net/trusted-proxy";
import { getRuntime, seedDemo } from "@/lib/runtime";
import { loadOrCreateSessionSecret } from "@/lib/secrets";

function loadConfig(): Config {
  try {
    return configFromEnvironment();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** Next's websocket is its development HMR channel; the product has none (SSE instead). */
const HMR_PATH = "/_next/hmr";

/**
 * What an upgrade request is told: the API and the portal serve plain HTTP only. Node hands
 * every request that asks to upgrade to the upgrade listener, so each one is answered here.
 */
function upgradeRefusal(url: string, docsOrigin: string): RawAnswer {
  return isApiPath(url) || url.startsWith("/api/")
    ? rawProblem(new AppError("bad_request", NO_UPGRADE), docsOrigin)
    : plainErrorPage(400, NO_UPGRADE);
}

/**
 * Next attaches its own upgrade listener to the server on its first request and then leaves
 * unknown paths hanging. It is given this stand-in instead: its listener is kept, and called
 * only for the development HMR path.
 */
function upgradeCatcher(): { server: Server; listener: () => UpgradeListener | undefined } {
  let caught: UpgradeListener | undefined;
  const stand = {
    on(event: string, listener: UpgradeListener) {
      if (event === "upgrade") caught = listener;
      return stand;
    },
  };
  // Next uses the server it is given for nothing but attaching that listener.
  return { server: stand as unknown as Server, listener: () => caught };
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
  // The operator's settings (`config` was read before next-auth's localhost default above).
  const configuredBaseUrl = configuredApiBaseUrl(config);
  const apiListener = getRequestListener(runtime.api.fetch);
  const turnBudget = createTurnBudget();
  const server = createServer(serverOptionsOf(config.server));
  const nextUpgrade = upgradeCatcher();
  const nextApp = next({
    dev,
    hostname: "localhost",
    port: config.port,
    httpServer: nextUpgrade.server,
  });
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
      turnBudget.admit(() => void apiListener(req, res));
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
    req.headers[CLIENT_PROTO_HEADER] = secure ? "https" : "http";
    const forwardedHost = req.headers["x-forwarded-host"];
    req.headers[PUBLIC_BASE_URL_HEADER] = publicBaseUrl(
      configuredBaseUrl,
      {
        host: req.headers.host,
        forwardedHost: typeof forwardedHost === "string" ? forwardedHost : undefined,
        remote,
        secure,
      },
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
    // Next's router fails on targets it cannot decode (500 text/plain) or parse (GET *).
    const malformed = malformedTargetReason(url);
    if (malformed) {
      const answer = url.startsWith("/api/")
        ? rawProblem(new AppError("bad_request", malformed), config.docsOrigin, requestId)
        : plainErrorPage(400, malformed);
      const length = Buffer.byteLength(answer.body);
      res
        .writeHead(answer.status, { ...answer.headers, "content-length": length })
        .end(answer.body);
      return;
    }
    void handleNext(req, res);
  };
  server.on("request", onRequest);
  const maxConnections = hardenServer(server, {
    limits: config.server,
    logger,
    onUpgrade: (req, socket, head) => {
      const url = req.url ?? "/";
      const hmr = dev && url.startsWith(HMR_PATH) ? nextUpgrade.listener() : undefined;
      if (hmr) return hmr(req, socket, head);
      sendRawAnswerAndClose(socket, upgradeRefusal(url, config.docsOrigin));
    },
  });

  server.listen(config.port, config.host, () => {
    logger.info(
      {
        port: config.port,
        mode: dev ? "development" : "production",
        store: runtime.store.kind,
        redis: Boolean(runtime.redis),
        max_connections: maxConnections,
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
