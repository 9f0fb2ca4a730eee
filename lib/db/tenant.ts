import { type Expression, expressionBuilder, type SqlBool } from "kysely";
import type { Database, Environment } from "./schema";

/** The project and environment a row belongs to: a Principal, a job's payload, another row's. */
export interface TenantScope {
  projectId: string;
  environment: Environment;
}

/** The tables whose every row belongs to one project and environment. */
export type TenantTable = {
  [T in keyof Database]: Database[T] extends { project_id: string; environment: Environment }
    ? T
    : never;
}[keyof Database];

type TenantColumn = "project_id" | "environment";
type ColumnRef = TenantColumn | `${TenantTable}.${TenantColumn}`;

/**
 * The condition that keeps a query to one project and environment (every query of tenant data
 * has it): `.where(inTenant(principal))`, or `.where(inTenant(principal, "resources"))` when a
 * join makes the bare column names ambiguous. Works in selects, updates and deletes.
 */
export function inTenant(scope: TenantScope, table?: TenantTable): Expression<SqlBool> {
  const eb = expressionBuilder<Database, TenantTable>();
  const project: ColumnRef = table ? `${table}.project_id` : "project_id";
  const environment: ColumnRef = table ? `${table}.environment` : "environment";
  return eb.and([eb(project, "=", scope.projectId), eb(environment, "=", scope.environment)]);
}

/** The scope of a stored row (its project_id and environment columns). */
export function tenantOfRow(row: { project_id: string; environment: Environment }): TenantScope {
  return { projectId: row.project_id, environment: row.environment };
}
