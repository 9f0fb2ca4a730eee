import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { issueInvoice } from "@/lib/billing/invoices";
import { loadPriceList } from "@/lib/billing/price-list";
import { storeTargets } from "@/lib/testing/test-runtime";
import { monthOf, previousMonth } from "@/lib/usage/time-buckets";
import { COMMANDS } from "./commands";
import { CliFixture } from "./testing/cli-fixture";
import { logsAndMembersCases } from "./testing/logs-members-cases";

/** Ids and times vary per run; golden files hold the rest (headers, alignment, values). */
function normalize(text: string): string {
  return text
    .replace(/\b(res|key|evt|we|in|whd|del)_[A-Za-z0-9]+/g, "$1_<id>")
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z/g, "<time>");
}

const commandOf = (argv: string[]) =>
  COMMANDS.find((c) => c.path.every((word, i) => argv[i] === word))?.path.join(" ");

describe.each(storeTargets())("cloud commands against the real API (%s)", (target) => {
  const fx = new CliFixture();
  const covered = { table: new Set<string>(), json: new Set<string>() };

  beforeAll(async () => {
    await fx.start(target);
  });
  afterAll(() => fx.close());

  /** Table output (the default): exit 0, a header line, and the rows. */
  async function table(argv: string[]): Promise<string> {
    const result = await fx.run(argv);
    expect(result.code, result.stderr).toBe(0);
    covered.table.add(commandOf(argv) ?? "?");
    return result.stdout;
  }

  /**
   * -o json: exit 0 and stdout byte for byte a body the API sent. Not necessarily the last one:
   * some tests run commands side by side, and their answers may go out in any order.
   */
  async function json<T = Record<string, unknown>>(argv: string[]): Promise<T> {
    const result = await fx.run([...argv, "-o", "json"]);
    expect(result.code, result.stderr).toBe(0);
    expect(fx.sent.map((answer) => answer.body)).toContain(result.stdout);
    covered.json.add(commandOf(argv) ?? "?");
    return (result.stdout ? JSON.parse(result.stdout) : null) as T;
  }

  async function createdId(argv: string[]): Promise<string> {
    return (await json<{ id: string }>(argv)).id;
  }

  it("regions list: a golden table, and the API's bytes with -o json", async () => {
    await expect(await table(["regions", "list"])).toMatchFileSnapshot(
      "./__golden__/regions-list.txt",
    );
    const body = await json<{ data: Array<{ slug: string }> }>(["regions", "list"]);
    expect(body.data.map((r) => r.slug)).toContain("eu-west-1");
  });

  it("resources create, get, update, list and delete", async () => {
    const out = await table([
      "resources",
      "create",
      "--name",
      "golden-a",
      "--region",
      "eu-west-1",
      "--label",
      "set=golden",
      "--wait",
    ]);
    expect(out).toMatch(/^ID\s+NAME\s+TYPE\s+STATUS\s+REGION\s+CREATED\n/);
    expect(out).toMatch(/golden-a\s+instance\s+active\s+eu-west-1/);
    const b = await json<{ id: string; status: string }>([
      "resources",
      "create",
      "--name",
      "golden-b",
      "--type",
      "bucket",
      "--label",
      "set=golden",
      "--wait",
    ]);
    expect(b.status).toBe("active");

    await expect(
      normalize(await table(["resources", "list", "--label", "set:golden"])),
    ).toMatchFileSnapshot("./__golden__/resources-list.txt");
    const listed = await json<{ data: unknown[] }>(["resources", "list", "--label", "set:golden"]);
    expect(listed.data).toHaveLength(2);

    expect(await table(["resources", "get", b.id])).toContain("golden-b");
    expect((await json(["resources", "get", b.id])).name).toBe("golden-b");

    expect(await table(["resources", "update", b.id, "--name", "golden-b2"])).toContain(
      "golden-b2",
    );
    const relabelled = await json(["resources", "update", b.id, "--label", "set=gone"]);
    expect(relabelled.labels).toEqual({ set: "gone" });

    const doomed = await createdId([
      "resources",
      "create",
      "--name",
      "doomed",
      "--type",
      "network",
    ]);
    expect(await table(["resources", "delete", doomed])).toBe(`Deleted ${doomed}\n`);
    expect(await json(["resources", "delete", b.id])).toBeNull();
    const gone = await fx.run(["resources", "get", b.id]);
    expect(gone.code).toBe(1);
  });

  it("lists page by page: a hint on stderr, --cursor, and --all past the first page", async () => {
    for (const name of ["page-1", "page-2", "page-3"]) {
      await json(["resources", "create", "--name", name, "--label", "set=paging"]);
    }
    const first = await fx.run(["resources", "list", "--label", "set:paging", "--limit", "2"]);
    expect(first.stdout.trim().split("\n")).toHaveLength(3);
    const cursor = /--cursor (\S+)/.exec(first.stderr)?.[1];
    expect(first.stderr).toMatch(/^2 of 3 shown; next page: --cursor \S+ \(or --all\)\n$/);
    const second = await fx.run([
      "resources",
      "list",
      "--label",
      "set:paging",
      "--cursor",
      cursor!,
      "--limit",
      "2",
    ]);
    expect(second.stdout).toContain("page-1");
    expect(second.stderr).toBe("");

    const all = await fx.run(["resources", "list", "--label", "set:paging", "--all", "-o", "json"]);
    const items = JSON.parse(all.stdout) as Array<{ name: string }>;
    expect(items.map((r) => r.name)).toEqual(["page-3", "page-2", "page-1"]);
    const ids = await fx.run(["resources", "list", "--label", "set:paging", "--all", "-q"]);
    expect(ids.stdout.trim().split("\n")).toHaveLength(3);
    // A page of 1 so that --all really follows cursors.
    const paged = fx.sent.length;
    await fx.run(["resources", "list", "--label", "set:paging", "--all", "-q"]);
    expect(fx.sent.length - paged).toBe(1);
  });

  it("instances: create, list, get, stop, start, reboot, resize, delete", async () => {
    const created = await table([
      "instances",
      "create",
      "--name",
      "vm-1",
      "--size",
      "s-1vcpu-2gb",
      "--wait",
    ]);
    expect(created).toMatch(/^ID\s+NAME\s+STATUS\s+REGION\s+SIZE\s+IMAGE\s+CREATED\n/);
    expect(created).toMatch(/vm-1\s+active\s+us-east-1\s+s-1vcpu-2gb\s+ubuntu-24\.04/);
    const id = await createdId(["instances", "create", "--name", "vm-2", "--wait"]);
    expect(await table(["instances", "list"])).toContain("vm-2");
    expect(
      (await json<{ data: unknown[] }>(["instances", "list"])).data.length,
    ).toBeGreaterThanOrEqual(2);
    expect(await table(["instances", "get", id])).toContain("vm-2");
    expect((await json(["instances", "get", id])).id).toBe(id);

    expect(await table(["instances", "stop", id, "--wait"])).toMatch(/vm-2\s+stopped/);
    expect((await json(["instances", "start", id, "--wait"])).status).toBe("active");
    expect((await json(["instances", "stop", id])).status).toBe("stopped");
    expect(await table(["instances", "start", id])).toMatch(/vm-2\s+active/);
    expect(await table(["instances", "reboot", id])).toContain("vm-2");
    expect((await json(["instances", "reboot", id])).id).toBe(id);
    expect(await table(["instances", "resize", id, "--size", "s-2vcpu-4gb"])).toContain(
      "s-2vcpu-4gb",
    );
    expect(
      (await json<{ spec: { size: string } }>(["instances", "resize", id, "--size", "s-4vcpu-8gb"]))
        .spec.size,
    ).toBe("s-4vcpu-8gb");
    const other = await createdId(["instances", "create", "--name", "vm-3"]);
    expect(await table(["instances", "delete", other])).toBe(`Deleted ${other}\n`);
    await json(["instances", "delete", id]);
  });

  it("volumes: create, attach, detach, list, get, delete", async () => {
    const instance = await createdId(["instances", "create", "--name", "vm-vol", "--wait"]);
    expect(
      await table(["volumes", "create", "--name", "vol-1", "--size-gb", "20", "--wait"]),
    ).toMatch(/vol-1\s+active\s+us-east-1\s+20/);
    const volume = await createdId(["volumes", "create", "--name", "vol-2", "--wait"]);
    expect(await table(["volumes", "attach", volume, "--instance", instance])).toContain(instance);
    expect(
      (await json<{ spec: { attached_instance_id: string | null } }>(["volumes", "detach", volume]))
        .spec.attached_instance_id,
    ).toBeNull();
    expect(
      (
        await json<{ spec: { attached_instance_id: string | null } }>([
          "volumes",
          "attach",
          volume,
          "--instance",
          instance,
        ])
      ).spec.attached_instance_id,
    ).toBe(instance);
    expect(await table(["volumes", "detach", volume, "--instance", instance])).toContain("vol-2");
    expect(await table(["volumes", "list"])).toContain("vol-2");
    await json(["volumes", "list"]);
    expect(await table(["volumes", "get", volume])).toContain("vol-2");
    await json(["volumes", "get", volume]);
    const spare = await createdId(["volumes", "create", "--name", "vol-3"]);
    expect(await table(["volumes", "delete", spare])).toBe(`Deleted ${spare}\n`);
    await json(["volumes", "delete", volume]);
  });

  it("buckets and networks: create, list, get, delete", async () => {
    for (const [group, flags, column] of [
      ["buckets", ["--versioning"], /true/],
      ["networks", ["--cidr", "10.20.0.0/16"], /10\.20\.0\.0\/16/],
    ] as const) {
      expect(await table([group, "create", "--name", `${group}-1`, ...flags])).toMatch(column);
      const id = await createdId([group, "create", "--name", `${group}-2`, "--wait"]);
      expect(await table([group, "list"])).toContain(`${group}-2`);
      await json([group, "list"]);
      expect(await table([group, "get", id])).toContain(`${group}-2`);
      await json([group, "get", id]);
      const spare = await createdId([group, "create", "--name", `${group}-3`, "--wait"]);
      expect(await table([group, "delete", spare])).toBe(`Deleted ${spare}\n`);
      await json([group, "delete", id]);
    }
  });

  it("load-balancers: create with targets, add-target, remove-target, list, get, delete", async () => {
    const a = await createdId(["instances", "create", "--name", "lb-a", "--wait"]);
    const b = await createdId(["instances", "create", "--name", "lb-b", "--wait"]);
    expect(
      await table(["load-balancers", "create", "--name", "lb-1", "--target", a, "--wait"]),
    ).toContain(a);
    const lb = await createdId([
      "load-balancers",
      "create",
      "--name",
      "lb-2",
      "--algorithm",
      "least_connections",
      "--wait",
    ]);
    expect(await table(["load-balancers", "add-target", lb, "--instance", a])).toContain(a);
    expect(
      (
        await json<{ spec: { target_ids: string[] } }>([
          "load-balancers",
          "add-target",
          lb,
          "--instance",
          b,
        ])
      ).spec.target_ids,
    ).toEqual(expect.arrayContaining([a, b]));
    expect(await table(["load-balancers", "remove-target", lb, "--instance", a])).toContain("lb-2");
    expect(
      (
        await json<{ spec: { target_ids: string[] } }>([
          "load-balancers",
          "remove-target",
          lb,
          "--instance",
          b,
        ])
      ).spec.target_ids,
    ).toEqual([]);
    expect(await table(["load-balancers", "list"])).toContain("lb-2");
    await json(["load-balancers", "list"]);
    expect(await table(["load-balancers", "get", lb])).toContain("least_connections");
    await json(["load-balancers", "get", lb]);
    const spare = await createdId(["load-balancers", "create", "--name", "lb-3"]);
    expect(await table(["load-balancers", "delete", spare])).toBe(`Deleted ${spare}\n`);
    await json(["load-balancers", "delete", lb]);
  });

  it("keys: list, get, create (secret once), rotate, revoke", async () => {
    const listed = await table(["keys", "list"]);
    expect(listed).toMatch(/^ID\s+NAME\s+KEY\s+ENV\s+STATUS\s+SCOPES\s+EXPIRES\s+LAST USED\n/);
    expect(listed).toContain("cli live");
    const keys = await json<{ data: Array<{ id: string }> }>(["keys", "list"]);
    const someId = keys.data[0]!.id;
    expect(await table(["keys", "get", someId])).toContain(someId);
    await json(["keys", "get", someId]);

    const created = await fx.run(["keys", "create", "--name", "ci", "--scope", "resources:read"]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/sk_live_[A-Za-z0-9]+/);
    expect(created.stderr).toBe("Store the secret now: it is not shown again.\n");
    covered.table.add("keys create");
    const second = await json<{ id: string; secret: string; scopes: string[] }>([
      "keys",
      "create",
      "--name",
      "ci-2",
      "--scope",
      "resources:read",
      "--scope",
      "usage:read",
      "--expires-in-days",
      "30",
    ]);
    expect(second.secret).toMatch(/^sk_live_/);
    expect(second.scopes).toEqual(["resources:read", "usage:read"]);

    expect(await table(["keys", "rotate", second.id, "--expires-in", "1h"])).toMatch(/sk_live_/);
    const rotated = await json<{ id: string }>(["keys", "rotate", second.id]);
    expect(await table(["keys", "revoke", rotated.id])).toContain("revoked");
    const firstId = /^(key_\S+)/m.exec(created.stdout.split("\n")[1] ?? "")?.[1];
    expect((await json(["keys", "revoke", firstId!])).status).toBe("revoked");
  });

  it("usage, rate-limits, billing summary, invoices and one invoice", async () => {
    expect(await table(["usage", "--granularity", "day", "--group-by", "status"])).toMatch(
      /^SERIES\s+REQUESTS/,
    );
    expect((await json(["usage", "--granularity", "hour"])).object).toBe("usage");
    expect(await table(["usage", "--metric", "resource_hours", "--group-by", "region"])).toMatch(
      /^SERIES\s+RESOURCE HOURS\s+STORAGE GB HOURS\n/,
    );
    expect(await table(["rate-limits"])).toMatch(
      /^PLAN\s+ENV\s+LIMIT\s+USED\s+REMAINING\s+RESETS IN\npro\s+live\s+10000/,
    );
    expect((await json(["rate-limits"])).object).toBe("rate_limits");
    expect(await table(["billing", "summary"])).toMatch(
      /^PLAN\s+PERIOD START\s+MONTH TO DATE\s+FORECAST\s+BUDGET\n\S+\s+\S+\s+\$\d+\.\d\d/,
    );
    expect((await json(["billing", "summary"])).object).toBe("billing_summary");
    expect(await table(["billing", "prices"])).toMatch(
      /^ID\s+DESCRIPTION\s+UNIT\s+PRICE\s+PER\s+INCLUDED\n\S+\s+.*\$\d+\.\d\d/,
    );
    expect((await json(["billing", "prices"])).object).toBe("price_list");
    expect(await table(["billing", "budget"])).toMatch(
      /^PERIOD\s+BUDGET\s+SPENT\s+THRESHOLDS %\s+ALERTS SENT\n\d{4}-\d{2}\s+\$\d+\.\d\d\s+50,75,100\s+0\n$/,
    );
    expect((await json(["billing", "budget"])).object).toBe("budget");

    const db = fx.runtime.store.db;
    const now = fx.runtime.now();
    const invoiceId = await issueInvoice(
      db,
      fx.org.organizationId,
      previousMonth(monthOf(now)),
      await loadPriceList(db),
      now,
    );
    expect(await table(["billing", "invoices"])).toContain(invoiceId);
    await json(["billing", "invoices"]);
    expect(await table(["billing", "invoice", invoiceId!])).toMatch(/\$\d+\.\d\d\s+issued/);
    expect((await json(["billing", "invoice", invoiceId!])).id).toBe(invoiceId);
  });

  it("events list with filters", async () => {
    const out = await table(["events", "list", "--type", "resource.*", "--limit", "5"]);
    expect(out).toMatch(
      /^ID\s+TYPE\s+OBJECT\s+CREATED\n(evt_\S+\s+resource\.\S+\s+res_\S+\s+\S+\n){5}$/,
    );
    const body = await json<{ data: Array<{ type: string }> }>([
      "events",
      "list",
      "--type",
      "instance.*",
    ]);
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.every((e) => e.type.startsWith("instance."))).toBe(true);
  });

  it("events get and events types", async () => {
    const page = await json<{ data: Array<{ id: string; type: string }> }>([
      "events",
      "list",
      "--limit",
      "1",
    ]);
    const newest = page.data[0]!;
    const shown = await table(["events", "get", newest.id]);
    expect(shown).toMatch(
      new RegExp(`^ID\\s+TYPE\\s+OBJECT\\s+CREATED\n${newest.id}\\s+${newest.type}`),
    );
    expect(await json(["events", "get", newest.id])).toMatchObject({ id: newest.id });
    const types = await table(["events", "types"]);
    expect(types).toMatch(/^TYPE\s+DESCRIPTION\n/);
    expect(types).toMatch(/\ndeployment\.succeeded\s+\S/);
    const body = await json<{ data: Array<{ type: string }> }>(["events", "types"]);
    expect(body.data.map((t) => t.type)).toContain("resource.created");
  });

  it("deployments: plan, create, get, list, pause, resume, cancel, rollback, approve, reject", async () => {
    const base = ["--count", "1", "--region", "us-east-1", "--region", "eu-west-1"];
    const plan = await table(["deployments", "plan", "--service", "cli-plan", ...base]);
    expect(plan).toMatch(/^REGION\s+AVAILABLE\s+CHANGES\s+COST BEFORE\s+COST AFTER\n/);
    expect(plan).toMatch(/us-east-1\s+true\s+create 1 instance\s+\$0\.00\s+\$\d+\.\d\d\n/);
    expect(plan).toMatch(/\nPlan plan_\w+: \$\d+\.\d\d a month more/);
    const planned = await json<{ id: string }>([
      "deployments",
      "plan",
      "--service",
      "cli-plan",
      ...base,
    ]);
    expect(planned.id).toMatch(/^plan_/);

    // A long bake keeps each deployment in progress while the commands act on it.
    let n = 0;
    const deploy = async (args: string[] = [...base, "--bake", "120"]) =>
      (await json<{ id: string }>(["deployments", "create", "--service", `cli-d${++n}`, ...args]))
        .id;
    const status = async (id: string) =>
      JSON.parse((await fx.run(["deployments", "get", id, "-o", "json"])).stdout).status as string;
    const until = async (id: string, wanted: string) => {
      for (let i = 0; i < 400 && (await status(id)) !== wanted; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(await status(id)).toBe(wanted);
    };
    const created = await table([
      "deployments",
      "create",
      "--service",
      "cli-d0",
      ...base,
      "--bake",
      "120",
    ]);
    expect(created).toMatch(/^ID\s+SERVICE\s+REV\s+STATUS\s+REGIONS\s+PROGRESS\s+CREATED\n/);
    expect(created).toMatch(/dep_\w+\s+cli-d0\s+1\s+queued\s+us-east-1,eu-west-1\s+0\/2/);
    const a = await deploy();
    expect(await table(["deployments", "get", a])).toContain(a);
    expect(await json(["deployments", "get", a])).toMatchObject({ id: a, service: "cli-d1" });
    expect(await table(["deployments", "list", "--service", "cli-d1"])).toContain(a);
    const listed = await json<{ data: Array<{ id: string }> }>([
      "deployments",
      "list",
      "--service",
      "cli-d1",
    ]);
    expect(listed.data.map((d) => d.id)).toEqual([a]);

    expect(await table(["deployments", "pause", a])).toMatch(/paused/);
    expect(await json(["deployments", "resume", a])).toMatchObject({ id: a });
    expect(await json(["deployments", "pause", a])).toMatchObject({ status: "paused" });
    expect(await table(["deployments", "resume", a])).toContain(a);
    expect(await table(["deployments", "cancel", a])).toContain(a);
    expect(await json(["deployments", "cancel", await deploy()])).toMatchObject({
      object: "deployment",
    });
    expect(await table(["deployments", "rollback", await deploy()])).toMatch(/dep_/);
    expect(await json(["deployments", "rollback", await deploy()])).toMatchObject({
      object: "deployment",
    });

    // Approve and reject: a gated second wave, answered by a key other than the creator's.
    const approver = (await json<{ secret: string }>(["keys", "create", "--name", "cli approver"]))
      .secret;
    const gated = ["--file", `${fx.home}/gated.json`];
    writeFileSync(
      `${fx.home}/gated.json`,
      JSON.stringify({
        template: { count: 1 },
        regions: ["us-west-2", "eu-central-1"],
        strategy: {
          type: "rolling",
          waves: [
            { regions: ["us-west-2"] },
            { regions: ["eu-central-1"], approval: { required: true } },
          ],
        },
      }),
    );
    const asApprover = fx.env({ CLOUD_API_KEY: approver });
    const gates = await Promise.all([1, 2, 3, 4].map(() => deploy(gated)));
    for (const id of gates) await until(id, "awaiting_approval");
    const [g1, g2, g3, g4] = gates as [string, string, string, string];
    const byApprover = async (argv: string[]) => {
      const result = await fx.run(argv, { env: asApprover });
      expect(result.code, result.stderr).toBe(0);
      covered[argv.includes("json") ? "json" : "table"].add(commandOf(argv) ?? "?");
      return result.stdout;
    };
    expect(await byApprover(["deployments", "approve", g1])).toMatch(/in_progress/);
    expect(
      JSON.parse(await byApprover(["deployments", "approve", g2, "-o", "json"])),
    ).toMatchObject({ id: g2 });
    expect(await byApprover(["deployments", "reject", g3])).toContain(g3);
    expect(JSON.parse(await byApprover(["deployments", "reject", g4, "-o", "json"]))).toMatchObject(
      { id: g4 },
    );
  });

  it("webhooks: create (secret once), list, get, deliveries, delete", async () => {
    const url = "http://127.0.0.1:9/hooks";
    expect(await table(["webhooks", "create", "--url", url, "--event", "resource.*"])).toMatch(
      /whsec_/,
    );
    const endpoint = await json<{ id: string; secret: string }>([
      "webhooks",
      "create",
      "--url",
      url,
      "--description",
      "cli",
    ]);
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect(await table(["webhooks", "list"])).toContain(endpoint.id);
    await json(["webhooks", "list"]);
    expect(await table(["webhooks", "get", endpoint.id])).toContain(url);
    await json(["webhooks", "get", endpoint.id]);
    expect(await table(["webhooks", "deliveries", endpoint.id])).toMatch(
      /^ID\s+EVENT\s+STATUS\s+ATTEMPTS\s+HTTP\s+CREATED\n/,
    );
    await json(["webhooks", "deliveries", endpoint.id]);
    const spare = await createdId(["webhooks", "create", "--url", url]);
    expect(await table(["webhooks", "delete", spare])).toBe(`Deleted ${spare}\n`);
    await json(["webhooks", "delete", endpoint.id]);
  });

  it("webhooks: update, disable, enable, rotate-secret, test, deliveries --status, retry", async () => {
    const url = "http://127.0.0.1:9/hooks";
    const endpoint = await json<{ id: string; secret: string }>([
      "webhooks",
      "create",
      "--url",
      url,
    ]);
    expect(
      await table([
        "webhooks",
        "update",
        endpoint.id,
        "--event",
        "resource.*",
        "--event",
        "volume.*",
      ]),
    ).toMatch(/resource\.\*,volume\.\*\s+enabled/);
    const updated = await json<{ description: string; enabled_events: string[] }>([
      "webhooks",
      "update",
      endpoint.id,
      "--description",
      "orders",
    ]);
    expect(updated).toMatchObject({
      description: "orders",
      enabled_events: ["resource.*", "volume.*"],
    });
    const nothing = await fx.run(["webhooks", "update", endpoint.id]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain("Say what to change");

    expect(await table(["webhooks", "disable", endpoint.id])).toMatch(/\sdisabled\s/);
    expect(await table(["webhooks", "list", "--status", "disabled", "-q"])).toBe(
      `${endpoint.id}\n`,
    );
    expect((await json(["webhooks", "disable", endpoint.id])).status).toBe("disabled");
    expect(await table(["webhooks", "enable", endpoint.id])).toMatch(/\senabled\s/);
    expect((await json(["webhooks", "enable", endpoint.id])).status).toBe("enabled");

    expect(await table(["webhooks", "rotate-secret", endpoint.id])).toMatch(/whsec_/);
    const rotated = await json<{ secret: string }>(["webhooks", "rotate-secret", endpoint.id]);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(endpoint.secret);

    expect(await table(["webhooks", "test", endpoint.id])).toMatch(/webhook\.test\s+pending/);
    const delivery = await json<{ id: string }>(["webhooks", "test", endpoint.id]);
    // Port 9 refuses the connection: the one attempt fails, and a finished delivery can be retried.
    const failed = async (id: string) => {
      await fx.runtime.jobs.drain();
      const listed = () =>
        fx.run(["webhooks", "deliveries", endpoint.id, "--status", "failed", "-q"]);
      await expect.poll(async () => (await listed()).stdout, { timeout: 15_000 }).toContain(id);
    };
    await failed(delivery.id);
    expect(await table(["webhooks", "retry", endpoint.id, delivery.id])).toMatch(/pending/);
    await failed(delivery.id);
    const retried = await json<{ id: string; status: string }>([
      "webhooks",
      "retry",
      endpoint.id,
      delivery.id,
    ]);
    expect(retried).toMatchObject({ id: delivery.id, status: "pending" });
  });

  it("--idempotency-key makes a create safe to run twice: the second run replays the first", async () => {
    const argv = ["resources", "create", "--name", "once", "--idempotency-key", "ci-job-4711"];
    const first = await json<{ id: string }>(argv);
    const again = await fx.run([...argv, "-o", "json"]);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual(first);
    const other = await fx.run([
      "resources",
      "create",
      "--name",
      "twice",
      "--idempotency-key",
      "ci-job-4711",
    ]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain("idempotency_key_mismatch");
  });

  it("-o yaml is the same value; --format picks columns; -q prints ids", async () => {
    const id = await createdId(["buckets", "create", "--name", "fmt", "--label", "set=fmt"]);
    const yaml = await fx.run(["resources", "get", id, "-o", "yaml"]);
    expect(parseYaml(yaml.stdout)).toEqual(JSON.parse(fx.lastBody()));
    const picked = await fx.run([
      "resources",
      "list",
      "--label",
      "set:fmt",
      "--format",
      "id,name,spec.versioning,labels",
    ]);
    expect(picked.stdout).toBe(
      `ID${" ".repeat(id.length)}NAME  SPEC.VERSIONING  LABELS\n${id}  fmt   false            set=fmt\n`,
    );
    const quiet = await fx.run(["resources", "list", "--label", "set:fmt", "-q"]);
    expect(quiet.stdout).toBe(`${id}\n`);
    const regions = await fx.run(["regions", "list", "-q"]);
    expect(regions.stdout.split("\n")).toContain("us-east-1");
  });

  it("API errors: exit 1, the problem and the request id on stderr, nothing on stdout", async () => {
    const missing = await fx.run(["resources", "get", "res_doesnotexist00000", "-o", "json"]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toMatch(
      /^Error: Not found \(404 not_found\)\n.+\nRequest id: req_\w+\n$/,
    );
    const invalid = await fx.run(["resources", "create", "--name", "x", "--region", "mars-1"]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(
      /\(422 validation_failed\)\n.*\n {2}region: .+\nRequest id: req_/,
    );
    const refused = await fx.run(["regions", "list"], {
      env: fx.env({ CLOUD_API_KEY: "sk_live_nope" }),
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("(401 unauthorized)");
  });

  it("usage errors: exit 2 before any request", async () => {
    const before = fx.sent.length;
    for (const argv of [
      ["resources", "create"],
      ["resources", "list", "-o", "xml"],
      ["resources", "create", "--name", "x", "--label", "novalue"],
      ["resources", "create", "--name", "x", "--spec", "{not json"],
      ["resources", "update", "res_x"],
      ["resources", "list", "--all", "--limit", "5"],
      ["resources", "list", "--type", "mainframe"],
      ["instances", "resize", "res_x"],
      ["volumes", "create", "--name", "v", "--size-gb", "ten"],
      ["nonsense"],
      ["resources"],
    ]) {
      const result = await fx.run(argv);
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stderr, argv.join(" ")).not.toBe("");
      expect(result.stdout, argv.join(" ")).toBe("");
    }
    const noKey = await fx.run(["regions", "list"], { env: fx.env({ CLOUD_API_KEY: undefined }) });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toBe(
      "Error: Not logged in: run cloud login, or set CLOUD_API_KEY or --api-key\n",
    );
    expect(fx.sent.length).toBe(before);
  });

  it("colour and the spinner only on a terminal, never with NO_COLOR", async () => {
    const tty = await fx.run(["regions", "list"], { tty: true });
    expect(tty.stdout.startsWith("\x1b[1mSLUG")).toBe(true);
    const noColor = await fx.run(["regions", "list"], {
      tty: true,
      env: fx.env({ NO_COLOR: "1" }),
    });
    expect(noColor.stdout).not.toContain("\x1b[");
    const piped = await fx.run(["instances", "create", "--name", "quiet-wait", "--wait"]);
    expect(piped.stdout).not.toContain("\x1b[");
    expect(piped.stderr).toBe("");
    const waited = await fx.run(["instances", "create", "--name", "spin-wait", "--wait"], {
      tty: true,
    });
    expect(waited.code).toBe(0);
    expect(waited.stderr).toMatch(/is active\n$/);
  });

  logsAndMembersCases({ fx, table, json });

  it("every command ran in table and json output", () => {
    const all = COMMANDS.map((c) => c.path.join(" "))
      // Streams (events tail, listen) print line by line, not one answer: stream-commands.test.ts.
      .filter(
        (p) =>
          ![
            "login",
            "context list",
            "context use",
            "context remove",
            "events tail",
            "listen",
            "logs tail",
          ].includes(p),
      )
      .sort();
    expect([...covered.table].sort()).toEqual(all);
    expect([...covered.json].sort()).toEqual(all);
  });
});
