import { describe, expect, it } from "vitest";
import { parseConfig } from "./config";

describe("configuration", () => {
  it("derives the docs origin from PUBLIC_API_URL, else NEXTAUTH_URL, else localhost:PORT", () => {
    expect(
      parseConfig({
        PUBLIC_API_URL: "https://api.example.com/v1/",
        NEXTAUTH_URL: "https://portal.example.com",
      }).docsOrigin,
    ).toBe("https://api.example.com");
    expect(parseConfig({ NEXTAUTH_URL: "http://127.0.0.1:3991/" }).docsOrigin).toBe(
      "http://127.0.0.1:3991",
    );
    expect(parseConfig({ PORT: "3311" }).docsOrigin).toBe("http://localhost:3311");
  });

  it("reads the server limits, with defaults", () => {
    expect(parseConfig({}).server).toEqual({
      headersTimeoutMs: 20_000,
      requestTimeoutMs: 60_000,
      keepAliveTimeoutMs: 5_000,
      maxConnections: undefined,
    });
    expect(
      parseConfig({
        SERVER_HEADERS_TIMEOUT_MS: "5000",
        SERVER_REQUEST_TIMEOUT_MS: "30000",
        SERVER_IDLE_TIMEOUT_MS: "65000",
        SERVER_MAX_CONNECTIONS: "2000",
      }).server,
    ).toEqual({
      headersTimeoutMs: 5000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 65_000,
      maxConnections: 2000,
    });
  });

  it.each([
    [{ SERVER_HEADERS_TIMEOUT_MS: "10" }, /SERVER_HEADERS_TIMEOUT_MS/],
    [{ SERVER_REQUEST_TIMEOUT_MS: "soon" }, /SERVER_REQUEST_TIMEOUT_MS/],
    [{ SERVER_IDLE_TIMEOUT_MS: "0" }, /SERVER_IDLE_TIMEOUT_MS/],
    [{ SERVER_MAX_CONNECTIONS: "-1" }, /SERVER_MAX_CONNECTIONS/],
    [
      { SERVER_HEADERS_TIMEOUT_MS: "90000", SERVER_REQUEST_TIMEOUT_MS: "60000" },
      /SERVER_HEADERS_TIMEOUT_MS must not exceed SERVER_REQUEST_TIMEOUT_MS/,
    ],
  ])("refuses %j with a message naming the variable", (env, message) => {
    expect(() => parseConfig(env)).toThrow(message);
  });
});
