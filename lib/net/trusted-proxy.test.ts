import { describe, expect, it } from "vitest";
import { arrivedOverHttps, clientAddress, parseProxyTrust } from "./trusted-proxy";

describe("trusted proxy rule", () => {
  const loopback = parseProxyTrust("loopback");

  it("believes X-Forwarded-Proto only from a trusted peer", () => {
    expect(arrivedOverHttps(false, "127.0.0.1", "https", loopback)).toBe(true);
    expect(arrivedOverHttps(false, "203.0.113.9", "https", loopback)).toBe(false);
    expect(arrivedOverHttps(false, "127.0.0.1", "http", loopback)).toBe(false);
    expect(arrivedOverHttps(true, "203.0.113.9", undefined, loopback)).toBe(true);
  });

  it("takes the nearest untrusted hop as the client", () => {
    expect(clientAddress("127.0.0.1", "198.51.100.1, 203.0.113.5", loopback)).toBe("203.0.113.5");
    expect(clientAddress("203.0.113.9", "198.51.100.1", loopback)).toBe("203.0.113.9");
  });

  it("supports lists, CIDR blocks and none", () => {
    const trust = parseProxyTrust("10.0.0.0/8, 192.168.1.4");
    expect(trust("10.2.3.4")).toBe(true);
    expect(trust("192.168.1.4")).toBe(true);
    expect(trust("127.0.0.1")).toBe(false);
    expect(parseProxyTrust("none")("127.0.0.1")).toBe(false);
    expect(() => parseProxyTrust("10.0.0.0/40")).toThrow(/TRUST_PROXY/);
  });
});
