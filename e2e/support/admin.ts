import { execFileSync } from "node:child_process";

/**
 * The admin CLI (scripts/admin.ts) on the e2e server's own SQLite file: a second process is fine
 * in WAL mode. Returns the output lines; JSON answers are the lines starting with "{".
 */
export function runAdmin(args: string[]): string[] {
  const output = execFileSync("npm", ["run", "--silent", "admin", "--", ...args], {
    env: {
      ...process.env,
      DATA_DIR: process.env.E2E_DATA_DIR ?? ".data-e2e",
      DATABASE_URL: "",
      REDIS_URL: "",
      LOG_LEVEL: "error",
    },
    encoding: "utf8",
    timeout: 90_000,
  });
  return output
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Adds an existing user to an organization (by slug) with a role. */
export function addMember(organizationSlug: string, email: string, role: string): void {
  runAdmin(["add-member", "--org", organizationSlug, "--email", email, "--role", role]);
}
