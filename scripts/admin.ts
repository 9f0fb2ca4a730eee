import { parseArgs } from "node:util";
import { createOrganizationWithOwner } from "@/lib/accounts/create-organization";
import { hashPassword } from "@/lib/accounts/password";
import { addMember } from "@/lib/admin/add-member";
import { PLANS, setOrganizationPlan } from "@/lib/admin/set-plan";
import { setRegionStatus } from "@/lib/admin/set-region";
import { isRole, ROLES } from "@/lib/catalog/roles";
import { isScope, SCOPES, type Scope } from "@/lib/catalog/scopes";
import { ConfigError, configFromEnvironment } from "@/lib/config";
import type { Environment, Plan } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { createApiKey } from "@/lib/keys/create-api-key";
import { createLogger } from "@/lib/logger";
import { createRuntime, type Runtime } from "@/lib/runtime";
import { emailSchema, organizationNameSchema, passwordSchema } from "@/lib/schemas/accounts";

const USAGE = `Usage: npm run admin -- <command> [options]

  create-user --email E --password P --org NAME   a user who owns a new organization
  create-key  --org SLUG --env live|test --scopes all|a,b --name N [--project SLUG]
                                                   prints only the new key
  set-plan    --org SLUG --plan free|pro|enterprise [--rate-limit N|none]
  set-region  --region SLUG --status available|unavailable
  add-member  --org SLUG --email E --role owner|admin|developer|billing|viewer [--password P]
                                                   adds (or re-roles) a member; --password
                                                   creates the user when the email is new

Works on the store the environment selects (DATABASE_URL, else SQLite in DATA_DIR).`;

class UsageError extends Error {}

function need(values: Record<string, string | undefined>, name: string): string {
  const value = values[name];
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

async function createUser(
  runtime: Runtime,
  values: Record<string, string | undefined>,
): Promise<void> {
  const email = emailSchema.safeParse(need(values, "email"));
  if (!email.success) throw new UsageError("--email is not a valid email address");
  const password = passwordSchema.safeParse(need(values, "password"));
  if (!password.success)
    throw new UsageError(password.error.issues[0]?.message ?? "--password is invalid");
  const orgName = organizationNameSchema.safeParse(need(values, "org"));
  if (!orgName.success)
    throw new UsageError(orgName.error.issues[0]?.message ?? "--org is invalid");
  const { db } = runtime.store;
  const existing = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", email.data)
    .executeTakeFirst();
  if (existing) throw new UsageError(`a user with email ${email.data} already exists`);
  const now = runtime.now();
  const userId = newId("usr");
  const passwordHash = await hashPassword(password.data);
  const org = await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("users")
      .values({
        id: userId,
        email: email.data,
        name: email.data.split("@")[0] ?? email.data,
        password_hash: passwordHash,
        github_id: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .execute();
    return createOrganizationWithOwner(trx, { name: orgName.data, ownerUserId: userId, now });
  });
  console.log(
    JSON.stringify({
      user_id: userId,
      email: email.data,
      organization: org.slug,
      project_id: org.projectId,
    }),
  );
}

async function createKey(
  runtime: Runtime,
  values: Record<string, string | undefined>,
): Promise<void> {
  const slug = need(values, "org");
  const env = need(values, "env");
  if (env !== "live" && env !== "test") throw new UsageError("--env must be live or test");
  const scopesText = need(values, "scopes");
  let scopes: Scope[];
  if (scopesText === "all") scopes = [...SCOPES];
  else {
    const parts = scopesText.split(",").map((s) => s.trim());
    const unknown = parts.filter((s) => !isScope(s));
    if (unknown.length > 0)
      throw new UsageError(`unknown scopes: ${unknown.join(", ")}; known: ${SCOPES.join(", ")}`);
    scopes = parts.filter(isScope);
  }
  const name = need(values, "name");
  if (name.length > 100) throw new UsageError("--name must be at most 100 characters");
  const { db } = runtime.store;
  const org = await db
    .selectFrom("organizations")
    .select(["id", "plan"])
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!org) throw new UsageError(`no organization with slug ${slug}`);
  const project = await db
    .selectFrom("projects")
    .select("id")
    .where("organization_id", "=", org.id)
    .where("slug", "=", values.project ?? "default")
    .executeTakeFirst();
  if (!project)
    throw new UsageError(`organization ${slug} has no project ${values.project ?? "default"}`);
  const created = await createApiKey(
    {
      db,
      now: runtime.now(),
      source: "cli",
      principal: {
        kind: "system",
        organizationId: org.id,
        projectId: project.id,
        environment: env as Environment,
        plan: org.plan,
        scopes: new Set(SCOPES),
        keyId: null,
        userId: null,
        role: null,
      },
    },
    { name, environment: env as Environment, scopes, expiresAt: null },
  );
  process.stdout.write(`${created.secret}\n`);
}

async function setPlan(
  runtime: Runtime,
  values: Record<string, string | undefined>,
): Promise<void> {
  const plan = need(values, "plan");
  if (!(PLANS as readonly string[]).includes(plan))
    throw new UsageError(`--plan must be one of ${PLANS.join(", ")}`);
  let override: number | null = null;
  const raw = values["rate-limit"];
  if (raw !== undefined && raw !== "none") {
    if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1)
      throw new UsageError("--rate-limit must be a positive integer or none");
    override = Number(raw);
  }
  await setOrganizationPlan(
    runtime.store.db,
    {
      slug: need(values, "org"),
      plan: plan as Plan,
      rateLimitOverride: override,
      actor: "admin-cli",
      now: runtime.now(),
    },
    runtime.bus,
  );
  console.error(
    `organization ${values.org}: plan ${plan}${override ? `, ${override} requests/min` : ""}`,
  );
}

async function addMemberCommand(
  runtime: Runtime,
  values: Record<string, string | undefined>,
): Promise<void> {
  const email = emailSchema.safeParse(need(values, "email"));
  if (!email.success) throw new UsageError("--email is not a valid email address");
  const role = need(values, "role");
  if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}`);
  let newUser: { name: string; passwordHash: string } | undefined;
  if (values.password !== undefined) {
    const password = passwordSchema.safeParse(values.password);
    if (!password.success)
      throw new UsageError(password.error.issues[0]?.message ?? "--password is invalid");
    newUser = {
      name: email.data.split("@")[0] ?? email.data,
      passwordHash: await hashPassword(password.data),
    };
  }
  const result = await addMember(runtime.store.db, {
    slug: need(values, "org"),
    email: email.data,
    role,
    newUser,
    actor: "admin-cli",
    now: runtime.now(),
  });
  console.log(
    JSON.stringify({
      user_id: result.userId,
      organization_id: result.organizationId,
      role: result.role,
      created_user: result.createdUser,
      already_member: result.existed,
    }),
  );
}

async function setRegionCommand(
  runtime: Runtime,
  values: Record<string, string | undefined>,
): Promise<void> {
  const status = need(values, "status");
  if (status !== "available" && status !== "unavailable")
    throw new UsageError("--status must be available or unavailable");
  const region = need(values, "region");
  await setRegionStatus(runtime.store.db, {
    region,
    available: status === "available",
    now: runtime.now(),
  });
  console.error(`region ${region}: ${status}`);
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === "help" || command === "--help") {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      password: { type: "string" },
      org: { type: "string" },
      env: { type: "string" },
      scopes: { type: "string" },
      name: { type: "string" },
      project: { type: "string" },
      plan: { type: "string" },
      "rate-limit": { type: "string" },
      role: { type: "string" },
      region: { type: "string" },
      status: { type: "string" },
    },
    strict: true,
  });
  const config = configFromEnvironment({
    defaults: { LOG_LEVEL: "warn" },
    overrides: { JOBS: "0" },
  });
  const runtime = await createRuntime(config, {
    startJobs: false,
    // stdout carries only the command's answer (a key, JSON), so logs go to stderr.
    logger: createLogger(config.logLevel, {}, "stderr"),
    // The CLI serves no API requests: nothing to meter, no sink thread to start.
    usageInProcess: true,
  });
  try {
    if (command === "create-user") await createUser(runtime, values);
    else if (command === "create-key") await createKey(runtime, values);
    else if (command === "set-plan") await setPlan(runtime, values);
    else if (command === "add-member") await addMemberCommand(runtime, values);
    else if (command === "set-region") await setRegionCommand(runtime, values);
    else throw new UsageError(`unknown command ${command}\n\n${USAGE}`);
    return 0;
  } finally {
    await runtime.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof AppError) {
      console.error(`admin: ${error.message}`);
    } else if (
      error instanceof TypeError &&
      "code" in error &&
      String(error.code).startsWith("ERR_PARSE_ARGS")
    ) {
      console.error(`admin: ${error.message}\n\n${USAGE}`);
    } else {
      console.error(`admin: ${error instanceof Error ? error.message : String(error)}`);
    }
    process.exit(2);
  },
);
