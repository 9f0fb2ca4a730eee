import { describe, expect, it } from "vitest";
import {
  bucketLowerMs,
  bucketOf,
  bucketUpperMs,
  emptyHistogram,
  HISTOGRAM_BUCKETS,
  percentile,
} from "./histogram";

describe("latency histogram", () => {
  it("puts every latency in the bucket whose edges hold it", () => {
    for (const ms of [0, 0.1, 0.5, 0.7, 1, 3.3, 12, 250, 999, 40_000, 65_536, 1e7]) {
      const i = bucketOf(ms);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(i).toBeLessThan(HISTOGRAM_BUCKETS);
      expect(ms).toBeGreaterThanOrEqual(bucketLowerMs(i) - 1e-9);
      expect(ms).toBeLessThan(bucketUpperMs(i) + 1e-9);
    }
  });

  it("reads percentiles within a bucket's width of the truth", () => {
    const latencies = Array.from({ length: 1000 }, (_, i) => 1 + i * 0.2); // 1 .. 200.8 ms
    const histogram = emptyHistogram();
    for (const ms of latencies) histogram[bucketOf(ms)]! += 1;
    const p50 = percentile(histogram, 0.5)!;
    const p95 = percentile(histogram, 0.95)!;
    expect(p50 / latencies[499]!).toBeGreaterThan(1 / Math.SQRT2);
    expect(p50 / latencies[499]!).toBeLessThan(Math.SQRT2);
    expect(p95 / latencies[949]!).toBeGreaterThan(1 / Math.SQRT2);
    expect(p95 / latencies[949]!).toBeLessThan(Math.SQRT2);
    expect(p95).toBeGreaterThan(p50);
  });

  it("has no percentile without requests", () => {
    expect(percentile(emptyHistogram(), 0.95)).toBeNull();
  });
});
