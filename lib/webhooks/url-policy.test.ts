import { describe, expect, it } from "vitest";
import { checkWebhookUrl, guardedLookup, isBlockedAddress } from "./url-policy";

const strict = { allowPrivate: false };
const relaxed = { allowPrivate: true };

function codeOf(url: string, rules = strict): string | null {
  const result = checkWebhookUrl(url, rules);
  return "error" in result ? result.error.code : null;
}

describe("webhook URL rules", () => {
  it("accepts public https URLs as they are", () => {
    expect(checkWebhookUrl("https://example.com/hooks?x=1", strict)).toEqual({
      url: "https://example.com/hooks?x=1",
    });
    expect(codeOf("https://8.8.8.8/hook")).toBeNull();
    expect(codeOf("https://[2606:4700:4700::1111]/hook")).toBeNull();
  });

  it("requires https unless private URLs are allowed", () => {
    expect(codeOf("http://example.com/hook")).toBe("https_required");
    expect(codeOf("http://example.com/hook", relaxed)).toBeNull();
    expect(codeOf("ftp://example.com/hook", relaxed)).toBe("invalid_scheme");
    expect(codeOf("javascript:alert(1)", relaxed)).toBe("invalid_scheme");
  });

  it("refuses credentials and fragments always", () => {
    expect(codeOf("https://user:pw@example.com/", relaxed)).toBe("credentials_not_allowed");
    expect(codeOf("https://user@example.com/", relaxed)).toBe("credentials_not_allowed");
    expect(codeOf("https://example.com/#x", relaxed)).toBe("fragment_not_allowed");
  });

  it.each([
    "https://127.0.0.1/",
    "https://127.1/",
    "https://2130706433/",
    "https://0x7f.0.0.1/",
    "https://0.0.0.0/",
    "https://10.1.2.3/",
    "https://172.16.0.1/",
    "https://192.168.1.1/",
    "https://169.254.169.254/latest/meta-data",
    "https://100.64.0.1/",
    "https://[::1]/",
    "https://[::]/",
    "https://[::ffff:127.0.0.1]/",
    "https://[::ffff:a9fe:a9fe]/",
    "https://[fd00::1]/",
    "https://[::7f00:1]/",
    "https://[::127.0.0.1]/",
    "https://[::a9fe:a9fe]/",
    "https://[::0a00:1]/",
    "https://[::ffff:0:7f00:1]/",
    "https://[64:ff9b::7f00:1]/",
    "https://[64:ff9b::a00:1]/",
    "https://[2002:7f00:1::]/",
    "https://[2002:a9fe:a9fe::1]/",
    "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
    "https://[2001:2::1]/",
    "https://[3fff::1]/",
    "https://[fe80::1]/",
    "https://localhost/",
    "https://localhost./",
    "https://api.localhost/",
    "https://printer.local/",
    "https://intranet/",
  ])("refuses %s unless private URLs are allowed", (url) => {
    expect(codeOf(url)).toBe("private_address");
    expect(codeOf(url.replace("https:", "http:"), relaxed)).toBeNull();
  });

  it("allows ports 443, 80 and 1024-65535 only, unless private URLs are allowed", () => {
    for (const url of [
      "https://example.com/",
      "https://example.com:443/",
      "https://example.com:80/",
      "https://example.com:1024/",
      "https://example.com:8443/",
      "https://example.com:65535/",
    ])
      expect(codeOf(url), url).toBeNull();
    for (const url of [
      "https://example.com:22/",
      "https://example.com:25/",
      "https://example.com:1023/",
      "https://example.com:0/",
      "https://example.com:111/",
    ])
      expect(codeOf(url), url).toBe("port_not_allowed");
    expect(codeOf("https://example.com:22/", relaxed)).toBeNull();
  });

  it("knows which addresses are blocked", () => {
    for (const address of [
      "127.0.0.1",
      "10.0.0.1",
      "169.254.169.254",
      "::1",
      "fc00::1",
      "::ffff:10.0.0.1",
      "::7f00:1",
      "::ffff:0:a00:1",
    ])
      expect(isBlockedAddress(address), address).toBe(true);
    for (const address of ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
      expect(isBlockedAddress(address), address).toBe(false);
    expect(isBlockedAddress("not-an-address")).toBe(true);
  });

  it("refuses a name that resolves to a private address at connect time", async () => {
    const lookup = (rules: { allowPrivate: boolean }) =>
      new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
        guardedLookup(rules)("localhost", {}, (error, address) => resolve({ error, address })),
      );
    const refused = await lookup(strict);
    expect(refused.error?.code).toBe("EWEBHOOKBLOCKED");
    expect(refused.error?.message).toMatch(/private or reserved/);
    const allowed = await lookup(relaxed);
    expect(allowed.error).toBeNull();
    expect(allowed.address).toMatch(/^(127\.0\.0\.1|::1)$/);
  });
});
