import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenApiDocument } from "@/lib/api/openapi-document";
import { issueInvoice } from "@/lib/billing/invoices";
import { loadPriceList } from "@/lib/billing/price-list";
import { isScope } from "@/lib/catalog/scopes";
import {
  call,
  exampleBody,
  exampleParams,
  exampleQuery,
  idIn,
  loadDocument,
  operationsOf,
} from "@/lib/testing/conformance-harness";
import {
  createTestKey,
  createTestOrganization,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import { fillPath, type Operation } from "@/lib/testing/openapi-walk";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { monthOf, previousMonth } from "@/lib/usage/time-buckets";

const HOUR = 60 * 60 * 1000;

describe.each(storeTargets())("tenancy: another project's objects are 404 on %s", (target) => {
  let runtime: TestRuntime;
  let doc: OpenApiDocument;
  let owner: TestOrganization;
  let stranger: TestOrganization;
  let ownerKey: string;
  let ownerTestKey: string;
  let strangerKey: string;
  /** A real object of the owner's for each path parameter position, by filled prefix. */
  const ownerIds = new Map<string, string>();

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    owner = await createTestOrganization(runtime, "enterprise");
    stranger = await createTestOrganization(runtime, "enterprise");
    ownerKey = (await createTestKey(runtime, owner)).secret;
    ownerTestKey = (await createTestKey(runtime, owner, { environment: "test" })).secret;
    strangerKey = (await createTestKey(runtime, stranger)).secret;
    doc = await loadDocument(runtime);
  });
  afterAll(() => runtime.close());

  /** Objects the API lists but nobody creates through it (a job makes them). */
  const madeByJobs: Record<string, () => Promise<void>> = {
    "/v1/billing/invoices": async () => {
      const { db } = runtime.store;
      const now = runtime.now();
      const period = previousMonth(monthOf(now));
      await issueInvoice(db, owner.organizationId, period, await loadPriceList(db), now);
    },
    // The owner's earlier requests are in the log once the usage writer has flushed them.
    "/v1/request-logs": async () => {
      await call(runtime, "GET", "/v1/regions", ownerKey);
      await runtime.usage.flush();
    },
  };

  /** The owner's object for the collection at `listPath`: the newest listed, else a new one. */
  async function ownerObject(listPath: string): Promise<string | undefined> {
    const cached = ownerIds.get(listPath);
    if (cached) return cached;
    await madeByJobs[listPath]?.();
    const ops = operationsOf(doc);
    const template = ops.find((o) => o.method === "GET" && fillsTo(o, listPath));
    let id: string | undefined;
    if (template) id = idIn((await call(runtime, "GET", listPath, ownerKey)).body);
    const create = ops.find((o) => o.method === "POST" && fillsTo(o, listPath));
    if (!id && create) {
      const created = await call(runtime, "POST", listPath, ownerKey, exampleBody(doc, create));
      if (created.status < 300) id = idIn(created.body);
    }
    if (id) ownerIds.set(listPath, id);
    return id;
  }

  /** True when the operation's path template matches this concrete path. */
  function fillsTo(op: Operation, path: string): boolean {
    const pattern = new RegExp(`^${op.path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    return pattern.test(path);
  }

  /** The operation's path with the owner's real objects in it (as deep as they exist). */
  async function ownerPath(op: Operation): Promise<string | undefined> {
    const values = exampleParams(doc, op);
    const segments = op.path.split("/");
    let firstReal = false;
    for (let i = 0; i < segments.length; i++) {
      const match = /^\{(.+)\}$/.exec(segments[i] as string);
      if (!match) continue;
      const listTemplate = segments.slice(0, i).join("/");
      const listPath = fillPath({ ...op, path: listTemplate }, values);
      const id = await ownerObject(listPath);
      if (id) values[match[1] as string] = id;
      if (i === segments.findIndex((s) => s.startsWith("{"))) firstReal = id !== undefined;
    }
    return firstReal ? fillPath(op, values) + exampleQuery(doc, op) : undefined;
  }

  it("answers 404 not_found to another organization's key on every verb, and changes nothing", async () => {
    // Portal-only operations (ownership transfer) refuse every key with 403 before looking at
    // the id, so a stranger's key learns nothing there either.
    const withIds = operationsOf(doc).filter(
      (op) =>
        op.authenticated &&
        op.pathParams.length &&
        (op.requiredScope === "none" || isScope(op.requiredScope ?? "")),
    );
    expect(withIds.length).toBeGreaterThan(0);
    const failures: string[] = [];
    const touched: string[] = [];
    for (const op of withIds) {
      const path = await ownerPath(op);
      if (!path) {
        failures.push(`${op.method} ${op.path}: could not find or create an object to aim at`);
        continue;
      }
      const res = await call(runtime, op.method, path, strangerKey, exampleBody(doc, op));
      const code = (res.body as { code?: string }).code;
      if (res.status !== 404 || code !== "not_found") {
        failures.push(`${op.method} ${path}: ${res.status} ${res.text.slice(0, 160)}`);
      }
      if (op.method === "GET") touched.push(path);
    }
    expect(failures).toEqual([]);
    // Everything the stranger aimed at is still there for its owner.
    for (const path of touched) {
      expect((await call(runtime, "GET", path, ownerKey)).status, path).toBe(200);
    }
  });

  it("answers 404 to the same organization's test key for its live objects", async () => {
    // Billing, members and invitations belong to the organization, not to an environment (invoices and
    // members are the same for every key of the organization), so only project-and-environment
    // objects are checked here.
    const gets = operationsOf(doc).filter(
      (op) =>
        op.authenticated &&
        op.method === "GET" &&
        op.pathParams.length === 1 &&
        !op.path.startsWith("/v1/billing/") &&
        !op.path.startsWith("/v1/members/") &&
        !op.path.startsWith("/v1/invitations/"),
    );
    const failures: string[] = [];
    for (const op of gets) {
      const path = await ownerPath(op);
      if (!path) continue;
      const res = await call(runtime, "GET", path, ownerTestKey);
      if (res.status !== 404) failures.push(`${path}: ${res.status}`);
    }
    expect(failures).toEqual([]);
  });
});

describe.each(storeTargets())("revoked, expired and rotated keys on %s", (target) => {
  let runtime: TestRuntime;
  let doc: OpenApiDocument;
  const clock = { ms: Date.parse("2026-06-01T08:00:00.000Z") };
  const bad: Record<string, string> = {};

  beforeAll(async () => {
    runtime = await createTestRuntime(target, { now: () => new Date(clock.ms) });
    const org = await createTestOrganization(runtime, "enterprise");
    const admin = (await createTestKey(runtime, org)).secret;
    doc = await loadDocument(runtime);

    const revoked = await createTestKey(runtime, org, { name: "to revoke" });
    expect((await call(runtime, "GET", "/v1/regions", revoked.secret)).status).toBe(200);
    const revoke = await call(runtime, "POST", `/v1/api-keys/${revoked.id}/revoke`, admin, {});
    expect(revoke.status).toBe(200);
    bad.revoked = revoked.secret;

    const expiring = await createTestKey(runtime, org, {
      name: "expiring",
      expiresAt: new Date(clock.ms + HOUR),
    });
    expect((await call(runtime, "GET", "/v1/regions", expiring.secret)).status).toBe(200);
    bad.expired = expiring.secret;

    const rotated = await createTestKey(runtime, org, { name: "to rotate" });
    const roll = await call(runtime, "POST", `/v1/api-keys/${rotated.id}/rotate`, admin, {
      expires_in: "1h",
    });
    expect(roll.status).toBe(200);
    // The old secret keeps working until the chosen expiry...
    expect((await call(runtime, "GET", "/v1/regions", rotated.secret)).status).toBe(200);
    bad.rotated = rotated.secret;
    // ...and then neither it nor the expired key does.
    clock.ms += 2 * HOUR;
  });
  afterAll(() => runtime.close());

  it("answers 401 with WWW-Authenticate on every authenticated route", async () => {
    const ops = operationsOf(doc).filter((op) => op.authenticated);
    expect(ops.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const [label, secret] of Object.entries(bad)) {
      for (const op of ops) {
        const path = fillPath(op, exampleParams(doc, op)) + exampleQuery(doc, op);
        const res = await call(runtime, op.method, path, secret, exampleBody(doc, op));
        const code = (res.body as { code?: string }).code;
        if (res.status !== 401 || code !== "unauthorized") {
          failures.push(`${label} key, ${op.method} ${path}: ${res.status}`);
        } else if (!/^Bearer/.test(res.headers.get("www-authenticate") ?? "")) {
          failures.push(`${label} key, ${op.method} ${path}: no WWW-Authenticate`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
