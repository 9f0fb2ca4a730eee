import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { loadPortalContext } from "@/lib/portal/portal-context";
import { createRuntime } from "@/lib/runtime";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");

// The admin CLI as an operator runs it: a child process on a SQLite store of its own.
describe("admin CLI add-member", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "cap-admin-"));
  const admin = (...args: string[]) =>
    run(path.join(root, "node_modules/.bin/tsx"), ["scripts/admin.ts", ...args], {
      cwd: root,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        DATABASE_URL: "",
        REDIS_URL: "",
        LOG_LEVEL: "silent",
      },
    });

  it("adds a viewer who can then sign in to the owner's organization", async () => {
    const owner = JSON.parse(
      (
        await admin(
          "create-user",
          "--email",
          "owner@example.test",
          "--password",
          "owner-password-1",
          "--org",
          "Viewer Test",
        )
      ).stdout,
    ) as { organization: string };
    const added = JSON.parse(
      (
        await admin(
          "add-member",
          "--org",
          owner.organization,
          "--email",
          "Viewer@Example.test",
          "--role",
          "viewer",
          "--password",
          "viewer-password-1",
        )
      ).stdout,
    ) as { user_id: string; role: string; created_user: boolean };
    expect(added).toMatchObject({ role: "viewer", created_user: true });

    const runtime = await createRuntime(
      parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent", NODE_ENV: "test" }),
      { startJobs: false },
    );
    try {
      const context = await loadPortalContext(runtime.store.db, added.user_id, {});
      expect(context?.role).toBe("viewer");
      expect(context?.organization.slug).toBe(owner.organization);
      const user = await runtime.store.db
        .selectFrom("users")
        .select("email")
        .where("id", "=", added.user_id)
        .executeTakeFirstOrThrow();
      expect(user.email).toBe("viewer@example.test");
    } finally {
      await runtime.close();
    }
  });

  it("refuses a bad role or an unknown user without --password, exit code 2", async () => {
    await expect(
      admin("add-member", "--org", "x", "--email", "a@example.test", "--role", "god"),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--role must be one of/) });
    await expect(
      admin("add-member", "--org", "no-org", "--email", "a@example.test", "--role", "viewer"),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/not found/) });
  });
});
