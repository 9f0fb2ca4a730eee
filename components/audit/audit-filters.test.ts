import { describe, expect, it } from "vitest";
import {
  auditCsvHref,
  auditListPath,
  auditPageSearch,
  auditUrlState,
  fromUtcInput,
  toUtcInput,
} from "./audit-filters";

const state = (search: string) => auditUrlState(new URLSearchParams(search));

describe("audit log page filters", () => {
  it("keeps valid filters from the URL, forgiving spaces in an action list", () => {
    expect(
      state(
        "actor_id=usr_7Hq2Lm&action=member.*,%20api_key.created&target_id=key_4Kd9&outcome=denied" +
          "&occurred_gte=2026-05-04T10:00:00Z&occurred_lte=2026-05-05T10:00:00.000%2B02:00&entry=aud_9Xy",
      ),
    ).toEqual({
      filters: {
        actor_id: "usr_7Hq2Lm",
        action: "member.*,api_key.created",
        target_id: "key_4Kd9",
        outcome: "denied",
        occurred_gte: "2026-05-04T10:00:00Z",
        occurred_lte: "2026-05-05T10:00:00.000+02:00",
      },
      problems: [],
      entry: "aud_9Xy",
    });
  });

  it("leaves out and names each malformed value instead of sending it", () => {
    const bad = state(
      "actor_id=%20-x&action=Member.Role&target_id=nope&outcome=maybe&occurred_gte=yesterday&entry=x",
    );
    expect(bad.filters).toEqual({});
    expect(bad.problems.map((p) => p.name)).toEqual([
      "actor_id",
      "action",
      "target_id",
      "outcome",
      "occurred_gte",
      "entry",
    ]);
    expect(bad.problems.find((p) => p.name === "action")?.message).toContain("member.*");
    expect(state("occurred_gte=2026-13-40T10:00:00Z").problems).toHaveLength(1);
    expect(state("occurred_gte=2026-05-04T10:00Z").problems).toHaveLength(1);
  });

  it("refuses a range that ends before it starts", () => {
    const backwards = state("occurred_gte=2026-05-05T00:00:00Z&occurred_lte=2026-05-04T00:00:00Z");
    expect(backwards.filters).toEqual({});
    expect(backwards.problems[0]?.message).toBe("The start of the range is after its end.");
  });

  it("builds the page URL, the API path and the CSV link from the same filters", () => {
    const filters = { action: "member.*", outcome: "success" };
    expect(auditPageSearch(filters)).toBe("?action=member.*&outcome=success");
    expect(auditPageSearch({}, "aud_1")).toBe("?entry=aud_1");
    expect(auditPageSearch({})).toBe("");
    expect(auditListPath(filters)).toBe("/v1/audit-logs?action=member.*&outcome=success&limit=50");
    expect(auditListPath({}, "abc")).toBe("/v1/audit-logs?limit=50&cursor=abc");
    expect(auditCsvHref(filters)).toBe(
      "/api/proxy/v1/audit-logs?action=member.*&outcome=success&format=csv",
    );
  });

  it("reads and writes the range inputs in UTC, the end taking in its whole minute", () => {
    expect(toUtcInput("2026-05-04T12:30:15.000+02:00")).toBe("2026-05-04T10:30");
    expect(toUtcInput(undefined)).toBe("");
    expect(fromUtcInput("2026-05-04T10:30")).toBe("2026-05-04T10:30:00.000Z");
    expect(fromUtcInput("2026-05-04T10:30", "end")).toBe("2026-05-04T10:30:59.999Z");
    expect(fromUtcInput("")).toBeUndefined();
    expect(fromUtcInput("soon")).toBeUndefined();
  });
});
