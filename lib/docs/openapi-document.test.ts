import { describe, expect, it, vi } from "vitest";
import { loadOpenApiDocument, NO_STORE_MESSAGE, noStoreDatabase } from "./openapi-document";

// Opening a store or migrating one while the docs read the API's description fails the test.
vi.mock("@/lib/db/client", async (original) => ({
  ...(await original<typeof import("@/lib/db/client")>()),
  openStore: () => {
    throw new Error("the docs opened a store");
  },
}));
vi.mock("@/lib/db/migrate", async (original) => ({
  ...(await original<typeof import("@/lib/db/migrate")>()),
  migrateToLatest: () => {
    throw new Error("the docs ran migrations");
  },
}));

describe("the docs' OpenAPI document", () => {
  it("describes every mounted route without opening a store or running a migration", async () => {
    const doc = await loadOpenApiDocument();
    expect(doc.info?.title).toBe("Cloud API");
    expect(Object.keys(doc.paths ?? {})).toEqual(
      expect.arrayContaining(["/v1/resources", "/v1/api-keys", "/v1/openapi.json"]),
    );
    expect(doc.components?.securitySchemes).toHaveProperty("bearerAuth");
  });

  it("mounts the routes over a handle that refuses every query", async () => {
    const db = noStoreDatabase();
    await expect(db.selectFrom("users").select("id").execute()).rejects.toThrow(NO_STORE_MESSAGE);
    await db.destroy();
  });
});
