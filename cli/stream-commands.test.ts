import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRequest } from "@/lib/testing/fixtures";
import { storeTargets } from "@/lib/testing/test-runtime";
import { CliFixture } from "./testing/cli-fixture";
import type { RunningCli } from "./testing/run-cli";

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The command's stream has answered: it sees every event created from now on. */
const connected = (cli: RunningCli, times = 1) =>
  until(() => cli.stderr.split("Connected;").length > times, "the stream to open");

interface Received {
  id: string;
  type: string;
  objectId: string;
}

/** A local webhook receiver that accepts only what verifies with `secret` (standardwebhooks). */
class Receiver {
  readonly received: Received[] = [];
  rejected = 0;
  secret = "";
  private server: Server | undefined;

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => {
        body += chunk.toString("utf8");
      });
      req.on("end", () => {
        try {
          const event = new Webhook(this.secret).verify(
            body,
            req.headers as Record<string, string>,
          ) as { id: string; type: string; object_id: string };
          expect(req.headers["webhook-id"]).toBe(event.id);
          this.received.push({ id: event.id, type: event.type, objectId: event.object_id });
          res.writeHead(200).end("ok");
        } catch {
          this.rejected++;
          res.writeHead(400).end("bad signature");
        }
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/hooks`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()));
  }
}

describe.each(storeTargets())("events tail, listen and deployments --wait (%s)", (target) => {
  const fx = new CliFixture();
  const receiver = new Receiver();

  beforeAll(async () => {
    await fx.start(target);
    await receiver.start();
  });
  afterAll(async () => {
    await receiver.close();
    await fx.close();
  });

  /** A resource created with the live key, in-process (works while the HTTP server is down). */
  async function createResource(name: string): Promise<string> {
    const response = await apiRequest(fx.runtime, "POST", "/v1/resources", {
      key: fx.liveKey,
      body: { name },
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }

  const objectIds = (stdout: string) =>
    stdout
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { object_id: string }).object_id);

  it("events tail prints a resource created after it started, in lines or as JSON", async () => {
    const human = fx.launch(["events", "tail", "--type", "resource.created", "--max-events", "1"]);
    const json = fx.launch(["events", "tail", "--type", "resource.created,volume.*", "--json"]);
    await connected(human);
    await connected(json);
    const id = await createResource("tail-live");
    const done = await human.done;
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(
      new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:]+Z  resource\\.created +${id} +evt_\\w+\\n$`),
    );
    await until(() => json.stdout.includes(id), "the JSON line");
    expect(objectIds(json.stdout)).toEqual([id]);
    // --max-time ends a tail by itself, with exit 0; so does Ctrl-C.
    const timed = await fx.run(["events", "tail", "--max-time", "1"]);
    expect(timed.code, timed.stderr).toBe(0);
    json.interrupt();
    const stopped = await json.done;
    expect(stopped.code, stopped.stderr).toBe(0);
  });

  it("events tail resumes after a server restart with no gap and no duplicate", async () => {
    const tail = fx.launch(
      ["events", "tail", "--type", "resource.created", "--json", "--max-events", "4"],
      { CLOUD_RECONNECT_DELAY_MS: "50" },
    );
    await connected(tail);
    const a = await createResource("restart-a");
    await until(() => tail.stdout.includes(a), "the first event");
    await fx.stopApi();
    // Made while the server is down: the reconnect must replay them from the log.
    const b = await createResource("restart-b");
    const c = await createResource("restart-c");
    await until(() => tail.stderr.includes("Stream interrupted"), "the drop notice");
    await fx.restartApi();
    await until(() => tail.stdout.includes(c), "the replay");
    const d = await createResource("restart-d");
    const done = await tail.done;
    expect(done.code, done.stderr).toBe(0);
    expect(objectIds(done.stdout)).toEqual([a, b, c, d]);
    expect(done.stderr).toMatch(/reconnecting in .*resuming after evt_/);
    expect(done.stderr).toMatch(/Reconnected; resuming after evt_/);
  });

  it("listen --forward-to delivers signed webhooks a standardwebhooks receiver verifies, across a restart", async () => {
    // With an endpoint's secret given by flag.
    const created = await fx.run([
      "webhooks",
      "create",
      "--url",
      "https://example.com/cli-listen",
      "-o",
      "json",
    ]);
    const secret = (JSON.parse(created.stdout) as { secret: string }).secret;
    receiver.secret = secret;
    const listen = fx.launch(
      [
        "listen",
        "--forward-to",
        receiver.url,
        "--events",
        "resource.created",
        "--secret",
        secret,
        "--max-events",
        "3",
      ],
      { CLOUD_RECONNECT_DELAY_MS: "50" },
    );
    await connected(listen);
    const a = await createResource("listen-a");
    await until(() => receiver.received.length === 1, "the first delivery");
    await fx.stopApi();
    const b = await createResource("listen-b");
    await fx.restartApi();
    await until(() => receiver.received.length === 2, "the replayed delivery");
    const c = await createResource("listen-c");
    const done = await listen.done;
    expect(done.code, done.stderr).toBe(0);
    expect(receiver.received.map((r) => r.objectId)).toEqual([a, b, c]);
    expect(receiver.rejected).toBe(0);
    const lines = done.stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    for (const [i, line] of lines.entries()) {
      expect(line).toContain(receiver.received[i]!.id);
      expect(line).toContain(`--> [200] POST ${receiver.url}`);
    }

    // Without a secret: one is made for the session and printed first; --json lines.
    receiver.received.length = 0;
    const session = fx.launch([
      "listen",
      "--forward-to",
      receiver.url,
      "--events",
      "resource.created",
      "--max-events",
      "1",
      "--json",
    ]);
    await until(() => /whsec_\w+/.test(session.stderr), "the session secret");
    receiver.secret = /whsec_\w+/.exec(session.stderr)![0];
    expect(receiver.secret).not.toBe(secret);
    await connected(session);
    const e = await createResource("listen-e");
    const json = await session.done;
    expect(json.code, json.stderr).toBe(0);
    expect(receiver.received.map((r) => r.objectId)).toEqual([e]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      event_id: receiver.received[0]!.id,
      type: "resource.created",
      status: 200,
      error: null,
    });
  });

  it("listen refuses a URL that is not http(s) with a usage error", async () => {
    const result = await fx.run(["listen", "--forward-to", "ftp://localhost/x"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--forward-to takes an http(s) URL");
  });

  it("deployments create --wait exits 0 when it succeeds, with progress on stderr", async () => {
    const result = await fx.run([
      "deployments",
      "create",
      "--service",
      "cli-ok",
      "--count",
      "1",
      "--region",
      "us-east-1",
      "--region",
      "eu-west-1",
      "--wait",
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^ID\s+SERVICE\s+REV\s+STATUS\s+REGIONS\s+PROGRESS\s+CREATED\n/);
    expect(result.stdout).toMatch(/cli-ok\s+1\s+succeeded\s+us-east-1,eu-west-1\s+2\/2/);
    expect(result.stderr).toMatch(/dep_\w+ (queued|in_progress).*us-east-1/);
    expect(result.stderr).toMatch(
      /dep_\w+ succeeded: us-east-1 succeeded 1\/1, eu-west-1 succeeded 1\/1\n$/,
    );
  });

  it("deployments create --wait exits 1 when a region fails and it rolls back", async () => {
    const other = (await fx.run(["keys", "create", "--name", "approver", "-o", "json"])).stdout;
    const approverKey = (JSON.parse(other) as { secret: string }).secret;
    const body = {
      service: "cli-bad",
      template: { count: 1 },
      regions: ["us-west-2", "eu-central-1"],
      strategy: {
        type: "rolling",
        waves: [
          { regions: ["us-west-2"] },
          { regions: ["eu-central-1"], approval: { required: true } },
        ],
      },
    };
    const file = `${fx.home}/deploy.json`;
    const { writeFileSync } = await import("node:fs");
    writeFileSync(file, JSON.stringify(body));
    const run = fx.launch(["deployments", "create", "--file", file, "--wait", "-o", "json"]);
    await until(() => run.stderr.includes("awaiting_approval"), "the approval gate");
    const id = /(dep_\w+) awaiting_approval/.exec(run.stderr)![1]!;
    // The second wave's region goes away while it waits (as `admin set-region` does).
    await fx.runtime.store.db
      .insertInto("region_overrides")
      .values({ slug: "eu-central-1", available: 0, updated_at: new Date().toISOString() })
      .execute();
    try {
      const approved = await fx.run(["deployments", "approve", id], {
        env: fx.env({ CLOUD_API_KEY: approverKey }),
      });
      expect(approved.code, approved.stderr).toBe(0);
      const done = await run.done;
      expect(done.code).toBe(1);
      expect(done.stderr).toContain(`${id} ended rolled_back`);
      // -o json: the deployment as the API answered it last.
      expect(JSON.parse(done.stdout)).toMatchObject({ id, status: "rolled_back" });
      expect(done.stdout).toBe(fx.lastBody());
    } finally {
      await fx.runtime.store.db.deleteFrom("region_overrides").execute();
    }
  });

  it("exits 1 after 5 failed reconnects in a row when the server is down", async () => {
    const tail = fx.launch(["events", "tail"], { CLOUD_RECONNECT_DELAY_MS: "10" });
    await connected(tail);
    await fx.stopApi();
    try {
      const done = await tail.done;
      expect(done.code).toBe(1);
      expect(done.stderr).toMatch(/^Stream interrupted: .*reconnecting in/m);
      for (const n of [1, 2, 3, 4]) expect(done.stderr).toContain(`Reconnect ${n} of 5 failed: `);
      expect(done.stderr).toContain("Reconnect 5 of 5 failed; giving up");
      // Each wait twice the one before; the reason is the network's own.
      expect(done.stderr).toMatch(
        /Reconnect 1 of 5 failed: .*ECONNREFUSED.*; reconnecting in 10 ms/,
      );
      expect(done.stderr).toMatch(/Reconnect 4 of 5 failed: .*; reconnecting in 80 ms/);
      expect(done.stderr).toMatch(/Error: Connection failed/);
    } finally {
      await fx.restartApi();
    }
  });
});
