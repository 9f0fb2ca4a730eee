import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from "node:fs";
import { connect, createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { exchange, requestText, WEBSOCKET_UPGRADE } from "../support/raw-http";

/**
 * A production server of its own with 256 file descriptors (the shared one has the machine's
 * limit): upgrade requests, and clients that leave or never finish their headers, must neither
 * hang nor leave a socket behind, and the server must keep answering.
 */
const FD_LIMIT = 256;
const serverScript = process.env.E2E_SERVER_JS ?? "dist/server.js";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Sockets the process holds open (its listening socket included). */
function socketCount(pid: number): number {
  const dir = `/proc/${pid}/fd`;
  let count = 0;
  for (const fd of readdirSync(dir)) {
    try {
      if (readlinkSync(`${dir}/${fd}`).startsWith("socket:")) count++;
    } catch {
      // closed while we looked
    }
  }
  return count;
}

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

/** Runs `task` for 0..count-1 with at most `width` at a time. */
async function inParallel<T>(count: number, width: number, task: (i: number) => Promise<T>) {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

test.describe("connection hygiene on a server with a low file-descriptor limit", () => {
  test.describe.configure({ mode: "serial", timeout: 120_000 });
  let server: ChildProcess;
  let port: number;
  let dataDir: string;
  let pid: number;
  let stderr = "";

  const healthy = async () => {
    const answer = await exchange(
      port,
      requestText("GET /api/healthz HTTP/1.1", { Connection: "close" }),
    );
    return answer.status === 200;
  };

  test.beforeAll(async () => {
    port = await freePort();
    dataDir = mkdtempSync(path.join(tmpdir(), "cap-e2e-fd-"));
    // exec keeps the pid: the server is the shell's process, with the shell's limit.
    server = spawn("sh", ["-c", `ulimit -n ${FD_LIMIT} && exec node ${serverScript}`], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        DATA_DIR: dataDir,
        REQUIRE_HTTPS: "0",
        SEED_DEMO: "0",
        JOBS: "0",
        LOG_LEVEL: "warn",
        NEXTAUTH_URL: `http://127.0.0.1:${port}`,
        SERVER_HEADERS_TIMEOUT_MS: "2000",
        SERVER_REQUEST_TIMEOUT_MS: "4000",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    server.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    pid = server.pid as number;
    const up = await eventually(() => healthy().catch(() => false), 60_000);
    expect(up, stderr).toBe(true);
  });

  test.afterAll(async () => {
    server?.kill("SIGTERM");
    await new Promise((resolve) => server?.once("exit", resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("1,000 upgrade requests to API paths: each a prompt 400 problem, closed by the server", async () => {
    const baseline = socketCount(pid);
    const paths = ["/v1/regions", "/v1/resources/res_x", "/sandbox/v1/events", "/v2/anything"];
    const answers = await inParallel(1000, 50, (i) =>
      exchange(port, requestText(`GET ${paths[i % paths.length]} HTTP/1.1`, WEBSOCKET_UPGRADE)),
    );
    const unanswered = answers.filter((a) => a.status !== 400 || !a.closedByServer);
    expect(unanswered.length, JSON.stringify(unanswered[0])).toBe(0);
    for (const answer of answers.slice(0, 8)) {
      expect(answer.headers["content-type"]).toBe("application/problem+json");
      const body = JSON.parse(answer.body) as { code: string; type: string; status: number };
      expect(body).toMatchObject({ code: "bad_request", status: 400 });
      expect(body.type).toBe(`http://127.0.0.1:${port}/docs/errors#bad_request`);
    }
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(3000);
    expect(await healthy()).toBe(true);
    expect(await eventually(() => socketCount(pid) <= baseline, 5000), "sockets left").toBe(true);
  });

  test("clients that leave at once, or never finish their headers, leave no socket behind", async () => {
    const baseline = socketCount(pid);
    // 300 upgrade requests whose clients hang up without reading the answer.
    await inParallel(300, 100, async (i) => {
      const socket = connect(port, "127.0.0.1");
      socket.on("error", () => {});
      await new Promise((resolve) => socket.once("connect", resolve));
      socket.write(requestText(`GET /v1/regions?i=${i} HTTP/1.1`, WEBSOCKET_UPGRADE));
      socket.destroy();
    });
    // 150 clients that send half a request line and stay (slow headers), beyond what the fd
    // limit could hold together with the rest: the cap refuses the excess, the headers timeout
    // (2 s here) closes the others.
    let stillOpen = 150;
    const stalled = Array.from({ length: stillOpen }, () => {
      const socket = connect(port, "127.0.0.1");
      socket.on("error", () => {});
      socket.once("close", () => stillOpen--);
      socket.resume();
      socket.write("GET /v1/regi");
      return socket;
    });
    const closed = await eventually(() => stillOpen === 0, 15_000);
    for (const socket of stalled) socket.destroy();
    expect(closed, "the server closed stalled connections").toBe(true);
    expect(await healthy()).toBe(true);
    expect(await eventually(() => socketCount(pid) <= baseline, 5000), "sockets left").toBe(true);
  });

  test("portal paths are refused the same way, and the server keeps serving", async () => {
    for (const target of ["/login", "/docs", "/api/healthz", "/_next/hmr"]) {
      const answer = await exchange(port, requestText(`GET ${target} HTTP/1.1`, WEBSOCKET_UPGRADE));
      expect(answer.status, target).toBe(400);
      expect(answer.closedByServer, target).toBe(true);
    }
    expect(await healthy()).toBe(true);
  });
});
