import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "@/lib/testing/resource-fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { EMAIL_MAX_ATTEMPTS, sendEmail } from "./send-email";

/** Just enough SMTP to accept mail (no TLS, no auth); keeps each message's DATA. */
function fakeSmtp(): Promise<{ server: Server; port: number; messages: string[] }> {
  const messages: string[] = [];
  const server = createServer((socket) => {
    let data: string | null = null;
    let buffer = "";
    socket.write("220 fake ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        if (data !== null) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end === -1) return;
          messages.push(data + buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          data = null;
          socket.write("250 queued\r\n");
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol === -1) return;
        const line = buffer.slice(0, eol).toUpperCase();
        buffer = buffer.slice(eol + 2);
        if (line.startsWith("EHLO")) socket.write("250-fake\r\n250 8BITMIME\r\n");
        else if (line.startsWith("DATA")) {
          data = "";
          socket.write("354 go ahead\r\n");
        } else if (line.startsWith("QUIT")) socket.end("221 bye\r\n");
        else socket.write("250 ok\r\n");
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({
        server,
        port: typeof address === "object" && address ? address.port : 0,
        messages,
      });
    });
  });
}

describe.each(storeTargets())("mail on %s", (target) => {
  let smtp: Awaited<ReturnType<typeof fakeSmtp>>;
  const runtimes: TestRuntime[] = [];

  beforeAll(async () => {
    smtp = await fakeSmtp();
  });
  afterAll(async () => {
    for (const runtime of runtimes) await runtime.close();
    smtp.server.close();
  });

  const mail = { organizationId: null, to: "someone@example.test", subject: "Hello", text: "Body" };

  it("keeps mail in the database when SMTP is not configured", async () => {
    const runtime = await createTestRuntime(target);
    runtimes.push(runtime);
    const id = await sendEmail(runtime.store.db, mail, { now: runtime.now(), deliver: false });
    await runtime.jobs.drain();
    const row = await runtime.store.db
      .selectFrom("emails")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "stored", body_text: "Body", sent_at: null });
  });

  it("sends it over SMTP_URL through a job and marks it sent", async () => {
    const runtime = await createTestRuntime(target, {
      env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` },
    });
    runtimes.push(runtime);
    const id = await runtime.store.db
      .transaction()
      .execute((trx) =>
        sendEmail(
          trx,
          { ...mail, subject: "Budget alert: 50%" },
          { now: runtime.now(), deliver: true },
        ),
      );
    await runtime.jobs.drain();
    const row = await runtime.store.db
      .selectFrom("emails")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("sent");
    expect(row.sent_at).not.toBeNull();
    expect(smtp.messages.some((m) => m.includes("Subject: Budget alert: 50%"))).toBe(true);
  });

  it("marks it failed after the last attempt when the server is unreachable", async () => {
    const clock = new TestClock(Date.now());
    const runtime = await createTestRuntime(target, {
      env: { SMTP_URL: "smtp://127.0.0.1:1" },
      now: clock.now,
    });
    runtimes.push(runtime);
    const id = await sendEmail(runtime.store.db, mail, { now: runtime.now(), deliver: true });
    for (let attempt = 0; attempt < EMAIL_MAX_ATTEMPTS; attempt++) {
      await runtime.jobs.drain();
      clock.advance(3_600_000);
    }
    const row = await runtime.store.db
      .selectFrom("emails")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("failed");
    expect(row.error).toMatch(/ECONNREFUSED|connect/i);
  });
});
