import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { DnsCache, RESOLVED_TTL_MS, UNRESOLVED_TTL_MS } from "./dns-cache";

const failure = (code: string) => Object.assign(new Error(`lookup failed: ${code}`), { code });

describe("the webhook DNS cache", () => {
  let clock = 0;
  const now = () => clock;

  it("asks once for many attempts to one name at the same time, and reuses the answer", async () => {
    const asked: string[] = [];
    let answer: (list: LookupAddress[]) => void = () => undefined;
    const cache = new DnsCache((name) => {
      asked.push(name);
      return new Promise((resolve) => {
        answer = resolve;
      });
    }, now);
    const waiting = Array.from({ length: 20 }, () => cache.lookup("Hooks.Example.net"));
    answer([{ address: "93.184.216.34", family: 4 }]);
    const lists = await Promise.all(waiting);
    expect(asked).toEqual(["hooks.example.net"]);
    expect(new Set(lists.map((list) => list[0]?.address))).toEqual(new Set(["93.184.216.34"]));

    await cache.lookup("hooks.example.net");
    expect(asked).toHaveLength(1);
    clock += RESOLVED_TTL_MS + 1;
    const again = cache.lookup("hooks.example.net");
    answer([{ address: "93.184.216.35", family: 4 }]);
    expect((await again)[0]?.address).toBe("93.184.216.35");
    expect(asked).toHaveLength(2);
  });

  it("remembers a name that does not resolve for a few seconds, and asks again after", async () => {
    let calls = 0;
    const cache = new DnsCache(async () => {
      calls += 1;
      throw failure("ENOTFOUND");
    }, now);
    await expect(cache.lookup("gone.example.net")).rejects.toMatchObject({ code: "ENOTFOUND" });
    await expect(cache.lookup("gone.example.net")).rejects.toMatchObject({ code: "ENOTFOUND" });
    expect(calls).toBe(1);
    clock += UNRESOLVED_TTL_MS + 1;
    await expect(cache.lookup("gone.example.net")).rejects.toMatchObject({ code: "ENOTFOUND" });
    expect(calls).toBe(2);
  });

  it("does not remember other failures: the next attempt asks again", async () => {
    let calls = 0;
    const cache = new DnsCache(async () => {
      calls += 1;
      if (calls === 1) throw failure("ECONNREFUSED");
      return [{ address: "93.184.216.34", family: 4 }];
    }, now);
    await expect(cache.lookup("flaky.example.net")).rejects.toMatchObject({
      code: "ECONNREFUSED",
    });
    expect((await cache.lookup("flaky.example.net"))[0]?.address).toBe("93.184.216.34");
    expect(calls).toBe(2);
  });
});
