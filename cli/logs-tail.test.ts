import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRequest } from "@/lib/testing/fixtures";
import { storeTargets } from "@/lib/testing/test-runtime";
import { CliFixture } from "./testing/cli-fixture";
import type { RunningCli } from "./testing/run-cli";

async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface Line {
  id: string;
  method: string;
  path: string;
}

const jsonLines = (stdout: string): Line[] =>
  stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line);

describe.each(storeTargets())("cloud logs tail (%s)", (target) => {
  const fx = new CliFixture();
  // Polls every 100 ms: fast for the test, slow enough that its own logged polls stay a page.
  const env = { CLOUD_POLL_INTERVAL_MS: "100" };

  beforeAll(async () => {
    await fx.start(target);
  });
  afterAll(() => fx.close());

  /** A request with a known id, made in-process and written to the log at once. */
  async function request(id: string, path = "/v1/resources"): Promise<void> {
    const response = await apiRequest(fx.runtime, "GET", path, {
      key: fx.liveKey,
      headers: { "x-request-id": id },
    });
    await response.arrayBuffer();
    await fx.runtime.usage.flush();
  }

  const watching = (cli: RunningCli) =>
    until(() => cli.stderr.includes("Watching for requests (Ctrl-C to stop)\n"), "the first poll");

  /** Lets a few more polls run (their own answers flushed) so a duplicate would show. */
  async function morePolls(): Promise<void> {
    const polls = () => fx.sent.filter((s) => s.path.startsWith("/v1/request-logs")).length;
    const before = polls();
    await until(() => polls() >= before + 5, "five more polls");
    await fx.runtime.usage.flush();
    await until(() => polls() >= before + 10, "ten more polls");
  }

  it("prints a request made after it started, once, never its own polls; Ctrl-C ends it with exit 0", async () => {
    await request("req_tailBefore000001");
    const json = fx.launch(["logs", "tail", "--json"], env);
    await watching(json);
    await request("req_tailAfter0000001");
    await until(() => json.stdout.includes("req_tailAfter0000001"), "the JSON line");
    await morePolls();

    json.interrupt();
    const done = await json.done;
    expect(done.code, done.stderr).toBe(0);
    expect(jsonLines(done.stdout).map((l) => l.id)).toEqual(["req_tailAfter0000001"]);
    expect(done.stderr).toMatch(/Stopped; 1 request shown\n$/);
  });

  it("a request logged late, behind newer ones it arrived after, is still printed once", async () => {
    const tail = fx.launch(["logs", "tail", "--path", "/v1/regions", "--json"], env);
    await watching(tail);
    await request("req_tailNewer0000001", "/v1/regions");
    await until(() => tail.stdout.includes("req_tailNewer0000001"), "the newer request");
    const newer = await apiRequest(fx.runtime, "GET", "/v1/request-logs/req_tailNewer0000001", {
      key: fx.liveKey,
    });
    const answeredAt = Date.parse(((await newer.json()) as { created_at: string }).created_at);
    // As another instance's batch would land: answered 2 s before the newest one seen, written now.
    fx.runtime.usage.record({
      at: answeredAt - 2_000,
      organizationId: fx.org.organizationId,
      projectId: fx.org.projectId,
      environment: "live",
      keyId: null,
      method: "GET",
      route: "/v1/regions",
      status: 200,
      latencyMs: 3,
      bytesIn: 0,
      bytesOut: 10,
      requestId: "req_tailLate00000001",
      path: "/v1/regions",
    });
    await fx.runtime.usage.flush();
    await until(() => tail.stdout.includes("req_tailLate00000001"), "the late request");
    await request("req_tailNewest000001", "/v1/regions");
    await until(() => tail.stdout.includes("req_tailNewest000001"), "the newest request");
    await morePolls();
    tail.interrupt();
    const done = await tail.done;
    expect(done.code, done.stderr).toBe(0);
    expect(jsonLines(done.stdout).map((l) => l.id)).toEqual([
      "req_tailNewer0000001",
      "req_tailLate00000001",
      "req_tailNewest000001",
    ]);
  });

  it("keeps polling through a server restart with no gap; gives up with exit 1 after 5 failed polls", async () => {
    const path = "/v1/event-types";
    const tail = fx.launch(["logs", "tail", "--path", path, "--json"], env);
    await watching(tail);
    await request("req_tailBeforeDown01", path);
    await until(() => tail.stdout.includes("req_tailBeforeDown01"), "the request before");
    await fx.stopApi();
    // Served in-process while the HTTP server is down: logged all the same.
    await request("req_tailWhileDown001", path);
    await until(() => tail.stderr.includes("Poll failed (no answer), 2 in a row"), "a retry");
    await fx.restartApi();
    await until(() => tail.stdout.includes("req_tailWhileDown001"), "the request while down");
    await morePolls();
    expect(jsonLines(tail.stdout).map((l) => l.id)).toEqual([
      "req_tailBeforeDown01",
      "req_tailWhileDown001",
    ]);

    await fx.stopApi();
    const done = await tail.done;
    await fx.restartApi();
    expect(done.code).toBe(1);
    expect(done.stderr).toContain("Poll failed (no answer), 4 in a row");
    expect(done.stderr).toMatch(/Error: Connection failed\n/);
  });

  it("--since prints what came before too; --max-requests and --max-time end it by themselves", async () => {
    const since = await fx.run(
      ["logs", "tail", "--since", "1h", "--path", "/v1/regions", "--max-requests", "2", "-q"],
      { env: fx.env(env) },
    );
    expect(since.code, since.stderr).toBe(0);
    // Oldest first: the late one was answered before the newer one.
    expect(since.stdout).toBe("req_tailLate00000001\nreq_tailNewer0000001\n");
    const line = await fx.run(
      ["logs", "tail", "--since", "1h", "--path", "/v1/resources", "--max-requests", "1"],
      { env: fx.env(env) },
    );
    expect(line.code, line.stderr).toBe(0);
    expect(line.stdout).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:]+Z {2}GET {4}200 +[\d.]+ ms {2}\/v1\/resources {2}sk_live_\w* {2}req_tailBefore000001\n$/,
    );
    // Unfiltered it would show the earlier tails' last polls, logged after they stopped.
    const timed = await fx.run(["logs", "tail", "--path", "/v1/billing", "--max-time", "1"], {
      env: fx.env(env),
    });
    expect(timed.code, timed.stderr).toBe(0);
    expect(timed.stdout).toBe("");
    const bad = await fx.run(["logs", "tail", "--max-requests", "many"], { env: fx.env(env) });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--max-requests must be a whole number");
    const refused = await fx.run(["logs", "tail", "--status", "6xx"], { env: fx.env(env) });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("status must be a code (404) or a class (4xx)");
  });
});
