import { inTenant } from "@/lib/db/tenant";
import { notFound } from "@/lib/errors";
import { type DomainContext, requireScope } from "@/lib/principal";
import type { RequestLogDetailDto } from "@/lib/schemas/request-logs";
import { toDeliveryView } from "@/lib/webhooks/delivery-view";
import {
  type LogRow,
  RAW_LOG_COLUMNS,
  type RawLogQuery,
  tenantScopeId,
  toRequestLogView,
  withDetails,
} from "./request-log-rows";

/**
 * One request of the caller's project and environment with its trace: the events it emitted
 * (they carry its request id) and the webhook deliveries those events caused, as they stand now.
 * Another tenant's request id answers 404. A client may send its own X-Request-Id twice; the
 * newest such request is the one shown.
 */
export async function getRequestLog(
  ctx: DomainContext,
  requestId: string,
): Promise<RequestLogDetailDto> {
  requireScope(ctx.principal, "logs:read");
  const { db, principal } = ctx;
  const missing = notFound(`Request ${requestId}`);
  const scopeId = await tenantScopeId(db, principal);
  if (scopeId === null) throw missing;
  const raw = db
    .selectFrom("request_log")
    .select(RAW_LOG_COLUMNS)
    .where("request_log.request_id", "=", requestId)
    .where("request_log.scope_id", "=", scopeId)
    .orderBy("request_log.ts", "desc")
    .limit(1) as RawLogQuery;
  const row = (await withDetails(db, raw).executeTakeFirst()) as LogRow | undefined;
  if (!row) throw missing;

  const events = await db
    .selectFrom("events")
    .select(["id", "seq", "type", "object_id", "created_at"])
    .where(inTenant(principal))
    .where("request_id", "=", requestId)
    .orderBy("seq", "asc")
    .execute();
  const deliveries =
    events.length === 0
      ? []
      : await db
          .selectFrom("webhook_deliveries")
          .selectAll()
          .where(inTenant(principal))
          .where(
            "event_id",
            "in",
            events.map((e) => e.id),
          )
          .orderBy("created_at", "asc")
          .orderBy("id", "asc")
          .execute();
  return {
    ...toRequestLogView(row),
    trace: {
      events: events.map((e) => ({
        id: e.id,
        seq: Number(e.seq),
        type: e.type,
        object_id: e.object_id,
        created_at: e.created_at,
      })),
      deliveries: deliveries.map(toDeliveryView),
    },
  };
}
