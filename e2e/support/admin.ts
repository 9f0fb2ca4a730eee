import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
// Playwright runs from the repository root.
const root = process.cwd();

/**
 * The admin CLI (scripts/admin.ts) on the e2e server's own SQLite file: a second process is fine
 * in WAL mode. Resolves with its stdout (the command's answer: a key, or JSON).
 */
export async function adminCli(...args: string[]): Promise<string> {
  const { stdout } = await run(
    path.join(root, "node_modules/.bin/tsx"),
    ["scripts/admin.ts", ...args],
    {
      cwd: root,
      env: {
        ...process.env,
        DATA_DIR: process.env.E2E_DATA_DIR ?? ".data-e2e",
        DATABASE_URL: "",
        REDIS_URL: "",
        LOG_LEVEL: "silent",
      },
    },
  );
  return stdout;
}

/**
 * Adds a member to an organization (by slug) with a role; with a password the user is created
 * when the email is new. Resolves with the CLI's answer.
 */
export async function addMember(
  organizationSlug: string,
  email: string,
  role: string,
  password?: string,
): Promise<{ role: string }> {
  const args = ["add-member", "--org", organizationSlug, "--email", email, "--role", role];
  if (password) args.push("--password", password);
  return JSON.parse(await adminCli(...args)) as { role: string };
}
