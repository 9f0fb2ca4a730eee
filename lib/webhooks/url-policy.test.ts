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

  it("knows which addresses are blocked", () => {
    for (const address of [
      "127.0.0.1",
      "10.0.0.1",
      "169.254.169.254",
      "::1",
      "fc00::1",
      "::ffff:10.0.0.1",
    ])
      expect(isBlockedAddress(address), address).toBe(true);
    for (const address of ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111"])
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
