import { expect, test } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { exchange, requestText, WEBSOCKET_UPGRADE } from "../support/raw-http";

const port = Number(new URL(baseURL).port);
const get = (target: string, headers: Record<string, string> = {}) =>
  exchange(port, requestText(`GET ${target} HTTP/1.1`, { Connection: "close", ...headers }));

/** Request targets no router should see, sent byte for byte to the production server. */
test.describe("malformed requests get a 400, never a 500 or silence", () => {
  test.describe.configure({ mode: "parallel" });

  for (const target of [
    "/api/proxy/v1/resources/%zz",
    "/api/proxy/v1/resources/%u002e%u002e",
    "/api/proxy/v1/resources/%ED%A0%80",
    "/api/healthz?x=%E0%80",
  ]) {
    test(`GET ${target}: 400 problem+json`, async () => {
      const answer = await get(target);
      expect(answer.status, answer.text.slice(0, 300)).toBe(400);
      expect(answer.headers["content-type"]).toBe("application/problem+json");
      expect(JSON.parse(answer.body)).toMatchObject({ status: 400, code: "bad_request" });
    });
  }

  for (const target of ["/docs/%zz", "/dashboard/%u002e%u002e", "/login?next=%C0%AF"]) {
    test(`GET ${target}: a plain 400 page`, async () => {
      const answer = await get(target);
      expect(answer.status, answer.text.slice(0, 300)).toBe(400);
      expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(answer.headers["content-security-policy"]).toContain("default-src 'self'");
      expect(answer.body).toContain("400 Bad Request");
    });
  }

  test("GET * and OPTIONS *: 400, not a crash", async () => {
    for (const line of ["GET * HTTP/1.1", "OPTIONS * HTTP/1.1"]) {
      const answer = await exchange(port, requestText(line, { Connection: "close" }));
      expect(answer.status, line).toBe(400);
    }
  });

  test("malformed API URLs: 400 before authentication", async () => {
    for (const target of [
      "/v1/resources/%zz",
      "/sandbox/v1/resources/%u002e",
      "/v1/regions?q=%ED%B0%80",
    ]) {
      const answer = await get(target);
      expect(answer.status, target).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ code: "bad_request" });
    }
  });

  test("an upgrade request is answered at once and the socket closed, on any path", async () => {
    for (const target of [
      "/v1/regions",
      "/sandbox/v1/regions",
      "/login",
      "/api/proxy/v1/regions",
    ]) {
      const answer = await exchange(
        port,
        requestText(`GET ${target} HTTP/1.1`, WEBSOCKET_UPGRADE),
        3000,
      );
      expect(answer.status, target).toBe(400);
      expect(answer.closedByServer, target).toBe(true);
    }
  });

  test("the problem type names the configured docs, whatever Host the request claims", async () => {
    for (const target of ["/v1/regions", "/v1/nope", "/api/proxy/v1/resources"]) {
      const answer = await get(target, {
        Host: "evil.example",
        "X-Forwarded-Host": "evil.example",
      });
      const body = JSON.parse(answer.body) as { type: string; code: string };
      expect(body.type, target).toBe(`${baseURL}/docs/errors#${body.code}`);
      expect(answer.text).not.toContain("evil.example");
    }
  });
});
