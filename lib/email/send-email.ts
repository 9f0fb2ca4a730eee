import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { newId } from "@/lib/ids";
import { enqueueJob } from "@/lib/jobs/enqueue-job";

export const EMAIL_SEND_JOB = "email.send";
/** SMTP attempts before a mail is marked failed (backoff doubles from 1 s). */
export const EMAIL_MAX_ATTEMPTS = 6;

export interface OutgoingEmail {
  organizationId: string | null;
  to: string;
  subject: string;
  text: string;
}

/**
 * Keeps the mail in the `emails` table (status "stored", readable in the portal) and, when SMTP
 * is configured (`deliver`), queues a durable job that sends it and marks it sent or failed.
 * Call it inside the caller's transaction: the mail exists exactly when what caused it commits.
 */
export async function sendEmail(
  db: Kysely<Database>,
  mail: OutgoingEmail,
  options: { now: Date; deliver: boolean },
): Promise<string> {
  const id = newId("eml");
  await db
    .insertInto("emails")
    .values({
      id,
      organization_id: mail.organizationId,
      to_address: mail.to,
      subject: mail.subject,
      body_text: mail.text,
      status: "stored",
      error: null,
      created_at: options.now.toISOString(),
      sent_at: null,
    })
    .execute();
  if (options.deliver) {
    await enqueueJob(
      db,
      {
        type: EMAIL_SEND_JOB,
        payload: { emailId: id },
        runAt: options.now,
        uniqueKey: `${EMAIL_SEND_JOB}:${id}`,
        maxAttempts: EMAIL_MAX_ATTEMPTS,
      },
      options.now,
    );
  }
  return id;
}
