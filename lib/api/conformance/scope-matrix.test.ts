import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenApiDocument } from "@/lib/api/openapi-document";
import { type Permission, ROLE_PERMISSIONS, ROLES } from "@/lib/catalog/roles";
import { isScope, SCOPES, type Scope } from "@/lib/catalog/scopes";
import type { Role } from "@/lib/db/schema";
import {
  call,
  exampleBody,
  examplePath,
  loadDocument,
  operationsOf,
} from "@/lib/testing/conformance-harness";
import {
  createTestKey,
  createTestOrganization,
  memberToken as roleToken,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import type { Operation } from "@/lib/testing/openapi-walk";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";

/** The member roles with and without a portal-only capability, as close to "all but" and "only". */
function rolesFor(capability: Permission): { lacking: Role; holding: Role } {
  const bySize = [...ROLES].sort((a, b) => ROLE_PERMISSIONS[b].size - ROLE_PERMISSIONS[a].size);
  const lacking = bySize.find((role) => !ROLE_PERMISSIONS[role].has(capability));
  const holding = [...bySize].reverse().find((role) => ROLE_PERMISSIONS[role].has(capability));
  if (!lacking || !holding) throw new Error(`no role pair for ${capability}`);
  return { lacking, holding };
}

/**
 * Every operation in /v1/openapi.json that needs a key says which scope in x-required-scope; this
 * proves each one is enforced: all scopes but that one is 403, that scope alone is not. Portal-only
 * capabilities (billing:manage) are refused to every key and to members whose role lacks them.
 */
describe.each(storeTargets())("scope x route matrix on %s", (target) => {
  let runtime: TestRuntime;
  let doc: OpenApiDocument;
  let org: TestOrganization;
  let operations: Operation[];
  const allBut = new Map<Scope, string>();
  const only = new Map<Scope, string>();
  let allKey: string;
  // A member who really holds the role: the API reads the role from the membership.
  const memberToken = (role: Role) => roleToken(runtime, org, role);

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    // Enterprise: the matrix sends a few hundred requests in one minute.
    org = await createTestOrganization(runtime, "enterprise");
    doc = await loadDocument(runtime);
    operations = operationsOf(doc).filter((op) => op.authenticated);
    allKey = (await createTestKey(runtime, org)).secret;
    for (const scope of SCOPES) {
      const rest = SCOPES.filter((s) => s !== scope);
      allBut.set(scope, (await createTestKey(runtime, org, { scopes: rest })).secret);
      only.set(scope, (await createTestKey(runtime, org, { scopes: [scope] })).secret);
    }
  });
  afterAll(() => runtime.close());

  it("finds the operations to check", () => {
    expect(operations.length).toBeGreaterThan(0);
  });

  it("has x-required-scope on every authenticated operation", () => {
    const missing = operations
      .filter((op) => op.requiredScope === undefined)
      .map((op) => `${op.method} ${op.path}`);
    expect(missing, 'add "x-required-scope": "<scope>" (or "none") to createRoute').toEqual([]);
  });

  it("answers 403 forbidden without the scope, and not 403 with only that scope", async () => {
    const failures: string[] = [];
    for (const op of operations) {
      const scope = op.requiredScope;
      if (scope === undefined) continue;
      const path = examplePath(doc, op);
      const body = exampleBody(doc, op);
      const name = `${op.method} ${op.path}`;
      if (scope === "none") {
        // Any valid key will do: even one with a single unrelated scope.
        const res = await call(runtime, op.method, path, only.get("audit:read"), body);
        if (res.status === 401 || res.status === 403) {
          failures.push(`${name} (x-required-scope none) answered ${res.status}`);
        }
        continue;
      }
      if (!isScope(scope)) {
        const { lacking, holding } = rolesFor(scope as Permission);
        const checks: Array<[string, string | undefined, boolean]> = [
          ["a key with every scope", allKey, true],
          [`a ${lacking} member`, await memberToken(lacking), true],
          [`a ${holding} member`, await memberToken(holding), false],
        ];
        for (const [who, credential, refused] of checks) {
          const res = await call(runtime, op.method, path, credential, body);
          if (refused !== (res.status === 403) || res.status === 401) {
            failures.push(`${name} (${scope}) for ${who}: ${res.status} ${res.text.slice(0, 120)}`);
          }
        }
        continue;
      }
      const lacking = await call(runtime, op.method, path, allBut.get(scope as Scope), body);
      const code = (lacking.body as { code?: string }).code;
      if (lacking.status !== 403 || code !== "forbidden") {
        failures.push(
          `${name} without ${scope}: ${lacking.status} ${code ?? ""} (want 403 forbidden) ${lacking.text.slice(0, 160)}`,
        );
      }
      // A body that asks for scopes (a new key) asks only for the one this key has.
      const ownBody =
        body && typeof body === "object" && "scopes" in body ? { ...body, scopes: [scope] } : body;
      const holding = await call(runtime, op.method, path, only.get(scope as Scope), ownBody);
      if (holding.status === 403 || holding.status === 401) {
        failures.push(
          `${name} with only ${scope}: ${holding.status} ${holding.text.slice(0, 160)}`,
        );
      }
    }
    expect(failures).toEqual([]);
  });
});
