import type { Kysely } from "kysely";
import { toJson } from "@/lib/db/json";
import type { Database } from "@/lib/db/schema";
import { inTenant } from "@/lib/db/tenant";
import { IDEMPOTENCY_RETENTION_MS } from "@/lib/idempotency/claim-key";
import { newId } from "@/lib/ids";
import { type Principal, requireScope } from "@/lib/principal";
import type { WebhookEndpointRow } from "./endpoint-view";
import { recordEndpointChange } from "./record-endpoint-change";
import { generateWebhookSecret, sealSecret, WEBHOOK_SECRET_PREFIX } from "./secret-box";
import { acceptedEvents, acceptedUrl } from "./validate-input";
import type { WebhookContext } from "./webhook-context";

export interface CreateEndpointInput {
  url: string;
  description?: string | undefined;
  enabledEvents?: string[] | undefined;
  /** The request's Idempotency-Key: a retry with it returns the endpoint already made. */
  idempotencyKey?: string | undefined;
}

export interface CreatedEndpoint {
  row: WebhookEndpointRow;
  /** The signing secret (shown at creation only; its display form on a replay). */
  secret: string;
  replayed: boolean;
}

function findByIdempotencyKey(
  trx: Kysely<Database>,
  principal: Principal,
  key: string,
): Promise<WebhookEndpointRow | undefined> {
  return trx
    .selectFrom("webhook_endpoints")
    .selectAll()
    .where(inTenant(principal))
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
}

/**
 * A new endpoint in the caller's project and environment, enabled, with a fresh signing secret.
 * With an idempotency key, a retry after a crash (the endpoint committed, the answer was lost)
 * gets the same endpoint, never a second one; the secret is not shown again (rotate it if lost).
 */
export async function createWebhookEndpoint(
  ctx: WebhookContext,
  input: CreateEndpointInput,
): Promise<CreatedEndpoint> {
  const { principal } = ctx;
  requireScope(principal, "webhooks:write");
  const url = acceptedUrl(input.url, ctx.webhooks);
  const enabledEvents = acceptedEvents(input.enabledEvents);
  const key = input.idempotencyKey ?? null;
  const at = ctx.now.toISOString();

  return ctx.db.transaction().execute(async (trx) => {
    // Like a replayed answer of the idempotency layer: the secret in its display form only.
    const replay = (existing: WebhookEndpointRow): CreatedEndpoint => ({
      row: existing,
      secret: `${WEBHOOK_SECRET_PREFIX}...${existing.secret_last4}`,
      replayed: true,
    });
    if (key !== null) {
      const existing = await findByIdempotencyKey(trx, principal, key);
      if (existing) {
        if (Date.parse(existing.created_at) > ctx.now.getTime() - IDEMPOTENCY_RETENTION_MS)
          return replay(existing);
        // Keys are kept 24 hours, as the idempotency layer keeps them: after that it is new.
        await trx
          .updateTable("webhook_endpoints")
          .set({ idempotency_key: null })
          .where("id", "=", existing.id)
          .where(inTenant(principal))
          .execute();
      }
    }
    const id = newId("we");
    const secret = generateWebhookSecret();
    const row: WebhookEndpointRow = {
      id,
      organization_id: principal.organizationId,
      project_id: principal.projectId,
      environment: principal.environment,
      url,
      description: input.description?.trim() ?? "",
      enabled_events: toJson(enabledEvents),
      status: "enabled",
      disabled_reason: null,
      disabled_at: null,
      secret_ciphertext: sealSecret(ctx.webhooks.secretKey, id, secret),
      secret_last4: secret.slice(-4),
      previous_secret_ciphertext: null,
      previous_secret_expires_at: null,
      consecutive_failures: 0,
      last_success_at: null,
      last_failure_at: null,
      idempotency_key: key,
      created_at: at,
      updated_at: at,
    };
    const inserted = await trx
      .insertInto("webhook_endpoints")
      .values(row)
      .onConflict((oc) => oc.columns(["project_id", "environment", "idempotency_key"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) {
      // A concurrent request with the same key committed first (PostgreSQL waited for it).
      const winner = key === null ? undefined : await findByIdempotencyKey(trx, principal, key);
      if (winner) return replay(winner);
      throw new Error("webhook endpoint insert conflicted but no endpoint holds the key");
    }
    await recordEndpointChange(trx, ctx, row, "webhook_endpoint.created", {
      enabled_events: enabledEvents,
    });
    return { row, secret, replayed: false };
  });
}
