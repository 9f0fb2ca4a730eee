import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { decodeCursor, encodeCursor, parseListQuery, toPage } from "./list-query";

function badField(query: Record<string, string>): string | undefined {
  try {
    parseListQuery(query);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
    return (error as AppError).errors?.[0]?.field;
  }
  return undefined;
}

describe("list query parsing", () => {
  it("defaults to page 1 of 25 in page mode", () => {
    expect(parseListQuery({})).toEqual({ mode: "page", page: 1, perPage: 25 });
  });

  it("uses cursor mode when limit or cursor is given", () => {
    expect(parseListQuery({ limit: "10" })).toEqual({ mode: "cursor", limit: 10, after: null });
    const cursor = encodeCursor({ createdAt: "2026-01-01T00:00:00.000Z", id: "res_abcdef" });
    expect(parseListQuery({ cursor })).toMatchObject({
      mode: "cursor",
      after: { id: "res_abcdef" },
    });
  });

  it("names the parameter that is out of range or malformed", () => {
    expect(badField({ limit: "0" })).toBe("limit");
    expect(badField({ limit: "101" })).toBe("limit");
    expect(badField({ per_page: "abc" })).toBe("per_page");
    expect(badField({ page: "-1" })).toBe("page");
    expect(badField({ cursor: "not a cursor" })).toBe("cursor");
    expect(badField({ cursor: encodeCursor({ createdAt: "x", id: "y" }) })).toBe("cursor");
    expect(badField({ cursor: "abc", page: "2" })).toBe("cursor");
  });

  it("round-trips cursors", () => {
    const cursor = { createdAt: "2026-04-18T09:14:00.000Z", id: "res_8xKq2m" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it("builds meta with next_cursor only when there is more", () => {
    const rows = [3, 2, 1].map((n) => ({
      id: `res_${n}aaaa`,
      created_at: `2026-01-0${n}T00:00:00.000Z`,
    }));
    const page = toPage(rows, { mode: "page", page: 1, perPage: 2 }, 3);
    expect(page.data).toHaveLength(2);
    expect(page.meta).toMatchObject({ page: 1, per_page: 2, total: 3, has_more: true });
    expect(page.meta.next_cursor).not.toBeNull();
    const last = toPage(rows.slice(2), { mode: "cursor", limit: 2, after: null }, 3);
    expect(last.meta).toMatchObject({ page: null, next_cursor: null, has_more: false });
  });
});
