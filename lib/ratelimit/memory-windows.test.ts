import { afterEach, describe, expect, it } from "vitest";
import { MemoryWindows } from "./memory-windows";

describe("memory windows", () => {
  let windows: MemoryWindows;
  afterEach(() => windows.close());

  it("counts within a fixed window and opens a new one when it ends", () => {
    windows = new MemoryWindows(60_000);
    const start = 1_000_000;
    expect(windows.hit("a", start)).toEqual({ count: 1, endsAt: start + 60_000 });
    expect(windows.hit("a", start + 59_999).count).toBe(2);
    expect(windows.hit("b", start + 10).count).toBe(1);
    // The window is fixed: it ends 60 s after its first request, not after the last one.
    expect(windows.hit("a", start + 60_000)).toEqual({ count: 1, endsAt: start + 120_000 });
  });

  it("peeks without counting and forgets ended windows", () => {
    windows = new MemoryWindows(1_000);
    windows.hit("a", 5_000);
    expect(windows.peek("a", 5_500)?.count).toBe(1);
    expect(windows.peek("a", 5_500)?.count).toBe(1);
    expect(windows.peek("a", 6_000)).toBeUndefined();
    expect(windows.peek("missing", 5_500)).toBeUndefined();
  });
});
