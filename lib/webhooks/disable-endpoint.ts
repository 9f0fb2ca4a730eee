import type { Kysely } from "kysely";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db/schema";
import { tenantOfRow } from "@/lib/db/tenant";
import { sendEmail } from "@/lib/email/send-email";
import { emitEvent } from "@/lib/events/emit-event";
import type { WebhookDeliveryRow } from "./delivery-view";
import { toEndpointView } from "./endpoint-view";
import { DISABLE_AFTER_CONSECUTIVE_FAILURES, MAX_AUTOMATIC_ATTEMPTS } from "./retry-schedule";
import type { SendOutcome } from "./send-webhook";

export interface DisableInput {
  endpointId: string;
  /** The endpoint's failed attempts in a row, this one included. */
  failures: number;
  /** The delivery whose last retry just failed. */
  delivery: WebhookDeliveryRow;
  outcome: SendOutcome;
  now: Date;
  deliverEmail: boolean;
  portalUrl: string | undefined;
}

function lastAnswer(outcome: SendOutcome): string {
  return outcome.status === null ? (outcome.error ?? "no answer") : `HTTP ${outcome.status}`;
}

/**
 * After a delivery's fifth retry failed: disable the endpoint (if no success came in between, so
 * at least five failures in a row), with an audit entry, a `webhook_endpoint.disabled` event and
 * a mail to the organization's owners and admins, all in the caller's transaction. Returns
 * whether it was disabled now.
 */
export async function disableFailingEndpoint(
  trx: Kysely<Database>,
  input: DisableInput,
): Promise<boolean> {
  if (input.failures < DISABLE_AFTER_CONSECUTIVE_FAILURES) return false;
  const at = input.now.toISOString();
  const row = await trx
    .updateTable("webhook_endpoints")
    .set({
      status: "disabled",
      disabled_reason: "consecutive_failures",
      disabled_at: at,
      updated_at: at,
    })
    .where("id", "=", input.endpointId)
    .where("status", "=", "enabled")
    .returningAll()
    .executeTakeFirst();
  if (!row) return false; // already disabled (by someone, or by another delivery just now)

  // Nobody asked for this: the delivery job decided, so the system is the actor.
  await recordAudit(
    trx,
    {
      actor: { type: "system", id: null },
      source: "job",
      organizationId: row.organization_id,
      ...tenantOfRow(row),
      at: input.now,
    },
    {
      action: "webhook_endpoint.disabled",
      targets: [{ type: "webhook_endpoint", id: row.id, name: row.url }],
      before: { status: "enabled" },
      after: { status: row.status, disabled_reason: row.disabled_reason },
      details: {
        reason: "consecutive_failures",
        failures: input.failures,
        delivery_id: input.delivery.id,
      },
    },
  );
  await emitEvent(trx, {
    organizationId: row.organization_id,
    projectId: row.project_id,
    environment: row.environment,
    type: "webhook_endpoint.disabled",
    objectId: row.id,
    data: toEndpointView(row),
    at: input.now,
  });

  const recipients = await trx
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select("users.email")
    .where("memberships.organization_id", "=", row.organization_id)
    .where("memberships.role", "in", ["owner", "admin"])
    .execute();
  const project = await trx
    .selectFrom("projects")
    .select("name")
    .where("id", "=", row.project_id)
    .executeTakeFirst();
  const environment = row.environment === "test" ? "Sandbox" : "Live";
  const link = `${input.portalUrl ?? ""}/dashboard/webhooks/${row.id}`;
  for (const recipient of recipients) {
    await sendEmail(
      trx,
      {
        organizationId: row.organization_id,
        to: recipient.email,
        subject: `Webhook endpoint disabled: ${row.url}`,
        text: [
          `We disabled the webhook endpoint ${row.url}`,
          `(${project?.name ?? row.project_id}, ${environment}) because deliveries to it failed ${input.failures} times in a row.`,
          "",
          `Event ${input.delivery.event_id} (${input.delivery.event_type}) was attempted ${MAX_AUTOMATIC_ATTEMPTS} times over 24 hours;`,
          `the last attempt got: ${lastAnswer(input.outcome)}.`,
          "",
          "No events are sent to it while it is disabled. Once the endpoint answers 2xx again,",
          `re-enable it from the dashboard: ${link}`,
          "(or with POST /v1/webhook-endpoints/{id}/enable) and retry the deliveries you still need.",
        ].join("\n"),
      },
      { now: input.now, deliver: input.deliverEmail },
    );
  }
  return true;
}
