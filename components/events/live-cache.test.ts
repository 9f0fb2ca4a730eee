import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { type PortalScope, queryKeys } from "@/lib/portal/query-keys";
import type { EventDto } from "@/lib/schemas/events";
import type { ResourceDto } from "@/lib/schemas/resources";
import { applyLiveEvent, RECENT_EVENTS_SHOWN } from "./live-cache";

const scope: PortalScope = ["org_1", "prj_1", "live"];

const resource = (status: string, updatedAt: string) =>
  ({ id: "res_1", name: "web", status, updated_at: updatedAt }) as unknown as ResourceDto;

const eventOf = (id: string, type: string, data: unknown, objectId = "res_1") =>
  ({ id, type, seq: 1, object_id: objectId, data }) as unknown as EventDto;

const page = (data: EventDto[]) => ({ data, meta: { total: data.length } });

describe("live events in the cache", () => {
  it("turns a provisioning resource active and prepends the event to its timeline", () => {
    const client = new QueryClient();
    client.setQueryData(
      queryKeys.resources.detail(scope, "res_1"),
      resource("provisioning", "2026-01-01T00:00:00.000Z"),
    );
    const created = eventOf("evt_1", "resource.created", {});
    client.setQueryData(queryKeys.events.forObject(scope, "res_1"), page([created]));
    const active = eventOf(
      "evt_2",
      "resource.active",
      resource("active", "2026-01-01T00:00:02.000Z"),
    );
    applyLiveEvent(client, scope, active);
    applyLiveEvent(client, scope, active);
    expect(
      client.getQueryData<ResourceDto>(queryKeys.resources.detail(scope, "res_1"))?.status,
    ).toBe("active");
    const timeline = client.getQueryData<{ data: EventDto[]; meta: { total: number } }>(
      queryKeys.events.forObject(scope, "res_1"),
    );
    expect(timeline?.data.map((e) => e.id)).toEqual(["evt_2", "evt_1"]);
    expect(timeline?.meta.total).toBe(2);
  });

  it("never takes a resource back to an older state", () => {
    const client = new QueryClient();
    const key = queryKeys.resources.detail(scope, "res_1");
    client.setQueryData(key, resource("active", "2026-01-01T00:00:05.000Z"));
    applyLiveEvent(
      client,
      scope,
      eventOf("evt_3", "resource.created", resource("provisioning", "2026-01-01T00:00:00.000Z")),
    );
    expect(client.getQueryData<ResourceDto>(key)?.status).toBe("active");
  });

  it("keeps the overview's recent events at their size, newest first", () => {
    const client = new QueryClient();
    const old = Array.from({ length: RECENT_EVENTS_SHOWN }, (_, i) =>
      eventOf(`evt_o${i}`, "api_key.created", {}, "key_1"),
    );
    client.setQueryData(queryKeys.events.recent(scope), page(old));
    applyLiveEvent(client, scope, eventOf("evt_new", "api_key.revoked", {}, "key_1"));
    const recent = client.getQueryData<{ data: EventDto[] }>(queryKeys.events.recent(scope));
    expect(recent?.data).toHaveLength(RECENT_EVENTS_SHOWN);
    expect(recent?.data[0]?.id).toBe("evt_new");
  });

  it("marks resource lists stale but not the detail it just set", () => {
    const client = new QueryClient();
    const listKey = queryKeys.resources.list(scope, {});
    const detailKey = queryKeys.resources.detail(scope, "res_1");
    client.setQueryData(listKey, page([]));
    client.setQueryData(detailKey, resource("provisioning", "2026-01-01T00:00:00.000Z"));
    applyLiveEvent(
      client,
      scope,
      eventOf("evt_4", "resource.active", resource("active", "2026-01-01T00:00:01.000Z")),
    );
    expect(client.getQueryState(listKey)?.isInvalidated).toBe(true);
    expect(client.getQueryState(detailKey)?.isInvalidated).toBe(false);
  });
});
