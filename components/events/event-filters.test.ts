import { describe, expect, it } from "vitest";
import {
  eventFilterSearch,
  eventFiltersFromParams,
  eventHistoryPath,
  eventStreamUrl,
  objectHref,
  requestLogHref,
} from "./event-filters";

const from = (search: string) => eventFiltersFromParams(new URLSearchParams(search));

describe("events page filters", () => {
  it("keeps a valid type or family and object id from the URL", () => {
    expect(from("type=resource.created&object_id=res_7Hq2Lm")).toEqual({
      type: "resource.created",
      object_id: "res_7Hq2Lm",
    });
    expect(from("type=resource.*")).toEqual({ type: "resource.*" });
  });

  it.each([
    "type=Resource.Created",
    "type=resource.created,api_key.*",
    "type=<script>",
    "object_id=res_",
    "object_id=../x",
    `type=${"a".repeat(101)}`,
  ])("drops the malformed %s", (search) => {
    expect(from(search)).toEqual({});
  });

  it("builds the page URL, the history path and the stream URL from the same filters", () => {
    const filters = { type: "resource.*", object_id: "res_1" };
    expect(eventFilterSearch({})).toBe("");
    expect(eventFilterSearch(filters)).toBe("?type=resource.*&object_id=res_1");
    expect(eventHistoryPath({})).toBe("/v1/events?limit=50");
    expect(eventHistoryPath(filters)).toBe("/v1/events?type=resource.*&object_id=res_1&limit=50");
    expect(eventStreamUrl({})).toBe("/api/proxy/v1/events/stream");
    expect(eventStreamUrl(filters, "evt_9")).toBe(
      "/api/proxy/v1/events/stream?type=resource.*&object_id=res_1&after=evt_9",
    );
  });

  it("links an event to its object's page and to its request's log line", () => {
    expect(objectHref("res_7Hq2Lm")).toBe("/dashboard/resources/res_7Hq2Lm");
    expect(objectHref("we_4Kd9")).toBe("/dashboard/webhooks/we_4Kd9");
    expect(objectHref("key_1")).toBe("/dashboard/settings/api-keys");
    expect(objectHref("in_1")).toBeNull();
    expect(objectHref(null)).toBeNull();
    expect(requestLogHref("req_abc")).toBe("/dashboard/logs?request_id=req_abc");
    expect(requestLogHref(null)).toBeNull();
  });
});
