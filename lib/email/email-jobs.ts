import nodemailer, { type Transporter } from "nodemailer";
import type { JobDeps } from "@/lib/jobs/job-deps";
import { EMAIL_SEND_JOB } from "./send-email";

function isPayload(value: unknown): value is { emailId: string } {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { emailId?: unknown }).emailId === "string"
  );
}

/**
 * Delivers stored mails over SMTP_URL. A failed attempt is retried with backoff by the job
 * runner; after the last one the mail is marked failed with the error (never the password).
 */
export interface EmailJobDeps extends JobDeps {
  /** SMTP_URL; without it mails stay stored and readable in the portal. */
  smtpUrl: string | undefined;
  mailFrom: string;
}

export function registerEmailJobs(deps: EmailJobDeps): void {
  const { db } = deps;
  let transport: Transporter | undefined;
  const transporter = (url: string) => {
    transport ??= nodemailer.createTransport(url);
    return transport;
  };

  deps.jobs.register(
    EMAIL_SEND_JOB,
    async (job) => {
      if (!isPayload(job.payload)) return;
      const url = deps.smtpUrl;
      if (!url) return; // SMTP was turned off since: the mail stays stored and readable.
      const mail = await db
        .selectFrom("emails")
        .selectAll()
        .where("id", "=", job.payload.emailId)
        .executeTakeFirst();
      if (mail?.status !== "stored") return;
      await transporter(url).sendMail({
        from: deps.mailFrom,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.body_text,
      });
      await db
        .updateTable("emails")
        .set({ status: "sent", sent_at: deps.now().toISOString(), error: null })
        .where("id", "=", mail.id)
        .execute();
    },
    {
      onGiveUp: async (job, error) => {
        if (!isPayload(job.payload)) return;
        const message = error instanceof Error ? error.message : String(error);
        await db
          .updateTable("emails")
          .set({ status: "failed", error: message.replace(/\/\/[^@\s]*@/g, "//").slice(0, 500) })
          .where("id", "=", job.payload.emailId)
          .execute();
      },
    },
  );
}
