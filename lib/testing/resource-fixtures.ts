import { expect } from "vitest";
import type { ResourceDto } from "@/lib/schemas/resources";
import { apiRequest } from "./fixtures";
import type { TestRuntime } from "./test-runtime";

/** A clock tests move by hand; pass `now: clock.now` to createTestRuntime. */
export class TestClock {
  constructor(private t = Date.parse("2026-05-04T10:00:00.000Z")) {}
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface ProblemJson {
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ field: string; code: string; message: string }>;
}

/** The request, its status checked, and its JSON body. */
export async function call<T>(
  runtime: TestRuntime,
  method: string,
  path: string,
  key: string,
  expected: number,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<T> {
  const res = await apiRequest(runtime, method, path, { key, body, headers });
  const text = await res.text();
  expect(res.status, `${method} ${path}: ${text}`).toBe(expected);
  return (text ? JSON.parse(text) : null) as T;
}

/** Creates a resource (1 ms after the previous one, so lists have a definite order). */
export async function createResourceVia(
  runtime: TestRuntime,
  clock: TestClock,
  key: string,
  body: Record<string, unknown>,
  path = "/v1/resources",
): Promise<ResourceDto> {
  clock.advance(1);
  return call<ResourceDto>(runtime, "POST", path, key, 201, body);
}

/** Lets the provisioning delay pass and runs the due jobs. */
export async function settleJobs(runtime: TestRuntime, clock: TestClock): Promise<void> {
  clock.advance(runtime.config.provisionDelayMs);
  await runtime.jobs.drain();
}

/**
 * A second runtime on the same data (a restart): the same SQLite file, or the same PostgreSQL
 * schema. Pass `schema` from sharedStoreOptions so closing the first does not drop the data.
 */
export function sharedStoreOptions(target: "sqlite" | "postgres"): { postgresSchema?: string } {
  return target === "postgres"
    ? { postgresSchema: `t_${Math.random().toString(36).slice(2, 12)}` }
    : {};
}

/** Drops a schema made with sharedStoreOptions (the runtimes on it do not own it). */
export async function dropSharedSchema(schema: string | null): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!schema || !url) return;
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop schema if exists "${schema}" cascade`);
  await admin.end();
}
