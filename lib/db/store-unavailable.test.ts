import { describe, expect, it } from "vitest";
import { isStoreUnavailable } from "./store-unavailable";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("isStoreUnavailable", () => {
  it("recognises a saturated pool, an unreachable server and a held SQLite writer", () => {
    expect(isStoreUnavailable(new Error("timeout exceeded when trying to connect"))).toBe(true);
    expect(
      isStoreUnavailable(withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")),
    ).toBe(true);
    expect(isStoreUnavailable(withCode("terminating connection", "57P01"))).toBe(true);
    expect(isStoreUnavailable(withCode("database is locked", "SQLITE_BUSY"))).toBe(true);
  });

  it("leaves real faults alone", () => {
    expect(isStoreUnavailable(withCode("duplicate key", "23505"))).toBe(false);
    expect(isStoreUnavailable(new TypeError("x is undefined"))).toBe(false);
    expect(isStoreUnavailable("timeout exceeded when trying to connect")).toBe(false);
  });
});

describe("an unavailable store, as the API answers it", () => {
  it("is 503 service_unavailable with Retry-After, not a 500", async () => {
    const { toAppError } = await import("@/lib/api/problem");
    const mapped = toAppError(new Error("timeout exceeded when trying to connect"));
    expect(mapped.status).toBe(503);
    expect(mapped.code).toBe("service_unavailable");
    expect(mapped.headers).toEqual({ "Retry-After": "1" });
    expect(toAppError(new TypeError("boom")).status).toBe(500);
  });
});
