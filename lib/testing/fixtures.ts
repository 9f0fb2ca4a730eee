import { createOrganizationWithOwner } from "@/lib/accounts/create-organization";
import { signPortalToken } from "@/lib/auth/portal-token";
import { ROLE_PERMISSIONS } from "@/lib/catalog/roles";
import { SCOPES, type Scope } from "@/lib/catalog/scopes";
import type { Environment, Plan, Role } from "@/lib/db/schema";
import { newId } from "@/lib/ids";
import { createApiKey } from "@/lib/keys/create-api-key";
import type { Principal } from "@/lib/principal";
import type { Runtime } from "@/lib/runtime";

export interface TestOrganization {
  userId: string;
  organizationId: string;
  slug: string;
  projectId: string;
  plan: Plan;
}

/** A user who owns a fresh organization (with its default project). No password: not for sign-in. */
export async function createTestOrganization(
  runtime: Runtime,
  plan: Plan = "free",
): Promise<TestOrganization> {
  const now = runtime.now();
  const userId = newId("usr");
  const at = now.toISOString();
  return runtime.store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("users")
      .values({
        id: userId,
        email: `${userId.toLowerCase()}@example.test`,
        name: "Test User",
        password_hash: null,
        github_id: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const org = await createOrganizationWithOwner(trx, {
      name: `Org ${userId}`,
      ownerUserId: userId,
      plan,
      now,
    });
    return { userId, plan, ...org };
  });
}

export function systemPrincipal(
  org: TestOrganization,
  environment: Environment = "live",
): Principal {
  return {
    kind: "system",
    organizationId: org.organizationId,
    projectId: org.projectId,
    environment,
    plan: org.plan,
    scopes: new Set(SCOPES),
    keyId: null,
    userId: null,
    role: null,
  };
}

export function memberPrincipal(
  org: TestOrganization,
  role: Role,
  environment: Environment = "live",
): Principal {
  return {
    ...systemPrincipal(org, environment),
    kind: "portal",
    userId: org.userId,
    role,
    scopes: new Set(SCOPES.filter((s) => ROLE_PERMISSIONS[role].has(s))),
  };
}

// One member per organization and role, made on first use (the owner is the organization's user).
const membersByRole = new WeakMap<Runtime, Map<string, Promise<string>>>();

/**
 * The user who holds `role` in the organization: its owner for "owner", else a member added
 * with that role on first use. The API reads a portal member's role from the membership, so a
 * token only acts with a role its user really has.
 */
export function memberWithRole(
  runtime: Runtime,
  org: TestOrganization,
  role: Role,
): Promise<string> {
  if (role === "owner") return Promise.resolve(org.userId);
  let members = membersByRole.get(runtime);
  if (!members) {
    members = new Map();
    membersByRole.set(runtime, members);
  }
  const key = `${org.organizationId}:${role}`;
  let userId = members.get(key);
  if (!userId) {
    userId = addTestMember(runtime, org, role).then((member) => member.userId);
    members.set(key, userId);
  }
  return userId;
}

/** Adds a new user (no password) to the organization with `role`; returns its user and member ids. */
export async function addTestMember(
  runtime: Runtime,
  org: TestOrganization,
  role: Role,
): Promise<{ userId: string; memberId: string }> {
  const userId = newId("usr");
  const memberId = newId("mem");
  const at = runtime.now().toISOString();
  await runtime.store.db
    .insertInto("users")
    .values({
      id: userId,
      email: `${userId.toLowerCase()}@example.test`,
      name: `Test ${role}`,
      password_hash: null,
      github_id: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await runtime.store.db
    .insertInto("memberships")
    .values({
      id: memberId,
      organization_id: org.organizationId,
      user_id: userId,
      role,
      created_at: at,
    })
    .execute();
  return { userId, memberId };
}

/** A portal token for a member of the organization holding `role`, signed at the runtime's now. */
export async function memberToken(
  runtime: Runtime,
  org: TestOrganization,
  role: Role,
  environment: Environment = "live",
): Promise<string> {
  return signPortalToken(
    {
      userId: await memberWithRole(runtime, org, role),
      organizationId: org.organizationId,
      projectId: org.projectId,
      environment,
      role,
    },
    runtime.sessionSecret,
    runtime.now(),
  );
}

/** Creates a key directly (as an operator would) and returns its secret. */
export async function createTestKey(
  runtime: Runtime,
  org: TestOrganization,
  options: {
    environment?: Environment;
    scopes?: readonly Scope[];
    expiresAt?: Date | null;
    name?: string;
  } = {},
): Promise<{ id: string; secret: string }> {
  const environment = options.environment ?? "live";
  const created = await createApiKey(
    { db: runtime.store.db, principal: systemPrincipal(org, environment), now: runtime.now() },
    {
      name: options.name ?? "test key",
      environment,
      scopes: [...(options.scopes ?? SCOPES)],
      expiresAt: options.expiresAt ?? null,
    },
  );
  return { id: created.key.id, secret: created.secret };
}

/** An in-process request to the API app with a Bearer key. */
export function apiRequest(
  runtime: Runtime,
  method: string,
  path: string,
  options: { key?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.Authorization = `Bearer ${options.key}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers["Content-Type"] ??= "application/json";
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  }
  return Promise.resolve(runtime.api.request(`http://localhost${path}`, { method, headers, body }));
}
