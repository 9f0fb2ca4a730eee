import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseConfig } from "@/lib/config";
import { createLogger } from "@/lib/logger";
import { createRuntime } from "@/lib/runtime";
import type { OpenApiDocument } from "./openapi-types";

/**
 * The API's own OpenAPI document, made in-process from the mounted routes, so the reference is
 * generated from exactly what the API validates. The API's GET /v1/openapi.json is preferred
 * (it carries the info block, security scheme and x-required-scope); if that route is not mounted
 * the document is generated straight from the route registry.
 */
async function buildDocument(): Promise<OpenApiDocument> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "cap-docs-"));
  const config = parseConfig({
    NODE_ENV: "test",
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    REQUIRE_HTTPS: "0",
    SEED_DEMO: "0",
    JOBS: "0",
    NEXTAUTH_SECRET: "docs-build-only-secret-docs-build-only",
  });
  const runtime = await createRuntime(config, {
    sqlitePath: ":memory:",
    startJobs: false,
    logger: createLogger("silent"),
  });
  try {
    const response = await runtime.api.request("http://localhost/v1/openapi.json");
    if (response.ok) return (await response.json()) as OpenApiDocument;
    return runtime.api.getOpenAPI31Document({
      openapi: "3.1.0",
      info: { title: "Cloud API", version: "v1" },
    }) as unknown as OpenApiDocument;
  } finally {
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

let cached: Promise<OpenApiDocument> | undefined;

/** Made once per process (a build renders many pages from it). */
export function loadOpenApiDocument(): Promise<OpenApiDocument> {
  cached ??= buildDocument();
  return cached;
}
