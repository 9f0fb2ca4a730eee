/**
 * The API alone for bench/usage-bench.ts: runtime.api on node:http (as server.ts serves /v1),
 * with jobs running, on a fresh SQLite store with one enterprise organization (no rate limiting
 * in the way), a key and an active resource. BENCH_METERING=0 turns usage recording into a no-op.
 * Prints `READY <key> <resource id>` when listening.
 */
import { createServer } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { createOrganizationWithOwner } from "@/lib/accounts/create-organization";
import { SCOPES } from "@/lib/catalog/scopes";
import { parseConfig } from "@/lib/config";
import { newId } from "@/lib/ids";
import { createApiKey } from "@/lib/keys/create-api-key";
import { createRuntime } from "@/lib/runtime";

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  // JOBS=0 leaves queued work for a later start (bench/webhooks-bench.ts measures the drain).
  const runtime = await createRuntime(config, { startJobs: config.runJobs });
  if (process.env.BENCH_METERING === "0") {
    runtime.usage.record = () => {};
    runtime.usage.recordRequest = () => {};
  }
  const db = runtime.store.db;
  const now = new Date();
  const at = now.toISOString();
  const userId = newId("usr");
  const org = await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("users")
      .values({
        id: userId,
        email: `${userId}@bench.test`,
        name: "Bench",
        password_hash: null,
        github_id: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    return createOrganizationWithOwner(trx, {
      name: "Bench",
      ownerUserId: userId,
      plan: "enterprise",
      now,
    });
  });
  await db
    .updateTable("organizations")
    .set({ rate_limit_override: 1_000_000_000 })
    .where("id", "=", org.organizationId)
    .execute();
  const created = await createApiKey(
    {
      db,
      principal: {
        kind: "system",
        organizationId: org.organizationId,
        projectId: org.projectId,
        environment: "live",
        plan: "enterprise",
        scopes: new Set(SCOPES),
        keyId: null,
        userId: null,
        role: null,
      },
      now,
    },
    { name: "bench", environment: "live", scopes: [...SCOPES], expiresAt: null },
  );
  const resourceId = newId("res");
  await db
    .insertInto("resources")
    .values({
      id: resourceId,
      organization_id: org.organizationId,
      project_id: org.projectId,
      environment: "live",
      type: "instance",
      name: "bench",
      name_lower: "bench",
      status: "active",
      region: "us-east-1",
      spec: JSON.stringify({ size: "s-1vcpu-1gb", image: "ubuntu-24.04", network_id: null }),
      labels: "{}",
      idempotency_key: null,
      lock_version: 1,
      created_at: at,
      updated_at: at,
      active_at: at,
      deleted_at: null,
    })
    .execute();
  const server = createServer(getRequestListener(runtime.api.fetch));
  server.listen(config.port, "127.0.0.1", () => {
    process.stdout.write(`READY ${created.secret} ${resourceId}\n`);
  });
  const shutdown = () => {
    server.close();
    server.closeAllConnections();
    void runtime.close().finally(() => process.exit(0));
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
