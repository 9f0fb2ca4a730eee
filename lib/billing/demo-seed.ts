import type { Kysely } from "kysely";
import type { DemoAccount } from "@/lib/accounts/demo-account";
import { SCOPES } from "@/lib/catalog/scopes";
import type { StoreKind } from "@/lib/db/client";
import type { Database, Environment } from "@/lib/db/schema";
import { createApiKey } from "@/lib/keys/create-api-key";
import { createLogger } from "@/lib/logger";
import type { Principal } from "@/lib/principal";
import { meterResourceUsage } from "@/lib/usage/meter-resources";
import { rollupRequestUsage } from "@/lib/usage/rollup-requests";
import { monthOf, previousMonth } from "@/lib/usage/time-buckets";
import { UsageWriter } from "@/lib/usage/usage-writer";
import { checkBudgets } from "./budget-alerts";
import { monthToDateCents } from "./budgets";
import { closePeriod } from "./close-period";

const DAY_MS = 86_400_000;
const HISTORY_DAYS = 62;

const ROUTES: Array<[string, string, number]> = [
  ["GET", "/v1/resources", 30],
  ["GET", "/v1/resources/:id", 25],
  ["POST", "/v1/resources", 6],
  ["PATCH", "/v1/resources/:id", 3],
  ["DELETE", "/v1/resources/:id", 2],
  ["GET", "/v1/instances", 10],
  ["POST", "/v1/instances/:id/actions", 3],
  ["GET", "/v1/regions", 8],
  ["GET", "/v1/events", 8],
  ["GET", "/v1/usage", 5],
];
const STATUSES: Array<[number, number]> = [
  [200, 86],
  [201, 5],
  [204, 2],
  [400, 1],
  [404, 3],
  [422, 1],
  [429, 1],
  [500, 1],
];

function weighted<T>(items: Array<[...unknown[], number]>, random: () => number): T {
  const total = items.reduce((sum, item) => sum + (item[item.length - 1] as number), 0);
  let u = random() * total;
  for (const item of items) {
    u -= item[item.length - 1] as number;
    if (u < 0) return item as unknown as T;
  }
  return items[0] as unknown as T;
}

/** A deterministic generator, so every demo looks the same. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Two months of API traffic for the demo project (a CI key on live, a test key on the sandbox,
 * busier in working hours), rolled up, last month's invoice issued and a budget whose first
 * alert has gone out: the usage, billing and rate-limit pages have something to show at once.
 * The demo organization is made a customer of long standing so the invoice covers a full month.
 */
export async function seedDemoUsage(
  deps: {
    db: Kysely<Database>;
    storeKind: StoreKind;
    now: () => Date;
    /** The portal's URL for links in the budget alert (NEXTAUTH_URL), if known. */
    portalUrl: string | undefined;
  },
  account: DemoAccount,
): Promise<void> {
  const { db, storeKind: kind } = deps;
  const now = deps.now();
  const since = new Date(now.getTime() - HISTORY_DAYS * DAY_MS);
  await db
    .updateTable("organizations")
    .set({ created_at: since.toISOString() })
    .where("id", "=", account.organizationId)
    .execute();
  const principal = (environment: Environment): Principal => ({
    kind: "system",
    organizationId: account.organizationId,
    projectId: account.projectId,
    environment,
    plan: "pro",
    scopes: new Set(SCOPES),
    keyId: null,
    userId: null,
    role: null,
  });
  const keyFor = async (environment: Environment, name: string) =>
    (
      await createApiKey(
        { db, principal: principal(environment), now: since },
        {
          name,
          environment,
          scopes: ["resources:read", "resources:write", "usage:read"],
          expiresAt: null,
        },
      )
    ).key.id;
  const ciKey = await keyFor("live", "CI pipeline (demo)");
  const dashboardKey = await keyFor("live", "Status dashboard (demo)");
  const testKey = await keyFor("test", "Integration tests (demo)");

  const random = prng(7);
  // Written through a usage writer of its own, as the API writes them (raw rows and minute rows).
  const writer = new UsageWriter(db, kind, createLogger("silent"));
  // Stop a few minutes short of now: the rollup settles behind real time anyway.
  const end = now.getTime() - 5 * 60_000;
  for (let t = since.getTime(); t < end; t += 20 * 60_000) {
    const hour = new Date(t).getUTCHours();
    const busy = hour >= 8 && hour <= 18 ? 6 : 2;
    const count = Math.floor(random() * busy) + 1;
    for (let i = 0; i < count; i++) {
      const sandbox = random() < 0.2;
      const [method, route] = weighted<[string, string, number]>(ROUTES, random);
      const [status] = weighted<[number, number]>(STATUSES, random);
      const latency = Math.exp(Math.log(sandbox ? 12 : 9) + 0.7 * (random() + random() - 1) * 2);
      writer.record({
        at: t + Math.floor(random() * 20 * 60_000),
        organizationId: account.organizationId,
        projectId: account.projectId,
        environment: (sandbox ? "test" : "live") as Environment,
        keyId: sandbox ? testKey : random() < 0.8 ? ciKey : dashboardKey,
        method,
        route,
        status,
        latencyMs: Math.round(latency * 100) / 100,
        bytesIn: method === "GET" ? 0 : 180,
        bytesOut: status === 204 ? 0 : 200 + Math.floor(random() * 3000),
      });
    }
  }
  await writer.close();
  if (writer.pending > 0) throw new Error("the demo usage records could not be written");
  // A few thousand rows: big slices, few statements (a backfill of real traffic uses days).
  await rollupRequestUsage(db, kind, now, { sliceMs: 31 * DAY_MS });
  await meterResourceUsage(db, kind, now);
  await closePeriod({ db, kind }, previousMonth(monthOf(now)), now);
  // A budget the month has used about 60% of, whatever the day: its 50% alert has gone out.
  const spent = await monthToDateCents(db, account.organizationId, now);
  await db
    .insertInto("budgets")
    .values({
      organization_id: account.organizationId,
      amount_cents: Math.max(100, Math.round((spent * 1.6) / 100) * 100),
      created_at: since.toISOString(),
      updated_at: since.toISOString(),
      updated_by: account.userId,
    })
    .onConflict((oc) => oc.column("organization_id").doNothing())
    .execute();
  await checkBudgets(db, now, { deliver: false, portalUrl: deps.portalUrl });
}
