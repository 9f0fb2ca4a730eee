import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { ApiEnv } from "./env";
import { requestId } from "./middleware/request-id";
import { problemResponse } from "./problem";
import { requestState, responseHeaders } from "./response-headers";
import { sendJson } from "./route-kit";

let measured = -2;

/** A small app with the first middleware and the error mapper, as createApiApp wires them. */
function app() {
  const hono = new Hono<ApiEnv>();
  hono.use("*", requestId, async (c, next) => {
    responseHeaders(c)["x-ratelimit-limit"] = "100";
    await next();
  });
  hono.use("/fast", async (c, next) => {
    await next();
    measured = requestState(c).responseBytes;
  });
  hono.get("/json", (c) => c.json({ ok: true }));
  hono.get("/fast", (c) => sendJson(c, { ok: "é" }, 201, { Location: "/v1/x" }));
  hono.get("/header-then-json", (c) => {
    c.header("Location", "/v1/things/1");
    c.header("Vary", "Accept");
    c.header("Vary", "Origin", { append: true });
    return c.json({ ok: true }, 201);
  });
  hono.get("/status-then-json", (c) => {
    c.status(202);
    return c.json({ ok: true });
  });
  hono.get("/init", (c) => c.json({ ok: true }, { status: 203, headers: { "X-Extra": "1" } }));
  hono.get("/body", (c) => c.body("plain", 200, { "Content-Type": "text/plain" }));
  hono.get("/own-cache-control", (c) =>
    c.body("stream", 200, { "Content-Type": "text/event-stream", "X-Ratelimit-Limit": "7" }),
  );
  hono.get("/response", () => new Response("raw", { status: 200 }));
  hono.get("/throw", () => {
    throw new AppError("conflict", "busy", { headers: { "Retry-After": "5" } });
  });
  hono.onError((error, c) => problemResponse(c, error, "https://docs.example"));
  return hono;
}

describe("the per-request header bag", () => {
  it("puts the bag on c.json answers", async () => {
    const res = await app().request("/json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
    expect(res.headers.get("x-ratelimit-limit")).toBe("100");
    expect(await res.json()).toEqual({ ok: true });
  });

  it("answers sendJson with the bag as the only header object, and notes the body size", async () => {
    const res = await app().request("/fast");
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe("/v1/x");
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
    expect(res.headers.get("x-ratelimit-limit")).toBe("100");
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ ok: "é" });
    expect(measured).toBe(Buffer.byteLength(text));
  });

  it("keeps headers a route set with c.header(), appended ones included", async () => {
    const res = await app().request("/header-then-json");
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe("/v1/things/1");
    expect(res.headers.get("vary")).toBe("Accept, Origin");
    expect(res.headers.get("x-ratelimit-limit")).toBe("100");
  });

  it("honours c.status() and a ResponseInit", async () => {
    expect((await app().request("/status-then-json")).status).toBe(202);
    const init = await app().request("/init");
    expect(init.status).toBe(203);
    expect(init.headers.get("x-extra")).toBe("1");
    expect(init.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("copies the bag onto answers made another way, without overriding their own headers", async () => {
    for (const path of ["/body", "/response"]) {
      const res = await app().request(path);
      expect(res.headers.get("x-request-id"), path).toMatch(/^req_/);
      expect(res.headers.get("x-ratelimit-limit"), path).toBe("100");
    }
    const own = await app().request("/own-cache-control");
    expect(own.headers.get("content-type")).toBe("text/event-stream");
    expect(own.headers.get("x-ratelimit-limit")).toBe("7");
  });

  it("puts the bag and the error's own headers on problem answers", async () => {
    const res = await app().request("/throw");
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("retry-after")).toBe("5");
    expect(res.headers.get("x-ratelimit-limit")).toBe("100");
    const body = (await res.json()) as { request_id: string };
    expect(body.request_id).toBe(res.headers.get("x-request-id"));
  });

  it("starts a fresh bag per request", async () => {
    const hono = app();
    const a = await hono.request("/header-then-json");
    const b = await hono.request("/json");
    expect(a.headers.get("location")).not.toBeNull();
    expect(b.headers.get("location")).toBeNull();
    expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
  });
});
