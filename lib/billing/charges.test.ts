import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { amountFor, computeCharges, type PlanSegment } from "./charges";
import type { PriceRow } from "./price-list";

const price = (over: Partial<PriceRow>): PriceRow => ({
  id: "x",
  plan: "pro",
  service: "api",
  metric: "requests",
  dimension: "",
  description: "API requests",
  unit: "request",
  unit_amount_cents: 40,
  unit_quantity: 10_000,
  included_quantity: 0,
  position: 0,
  ...over,
});

const PRICES: PriceRow[] = [
  price({
    plan: "free",
    service: "platform",
    metric: "base_fee",
    unit: "month",
    unit_amount_cents: 0,
    unit_quantity: 1,
  }),
  price({
    plan: "pro",
    service: "platform",
    metric: "base_fee",
    unit: "month",
    unit_amount_cents: 4900,
    unit_quantity: 1,
  }),
  price({ plan: "pro", metric: "requests", included_quantity: 5_000_000, position: 1 }),
  price({
    plan: "pro",
    service: "compute",
    metric: "instance_hours",
    dimension: "s-1vcpu-1gb",
    unit: "hour",
    unit_amount_cents: 893,
    unit_quantity: 1000,
    position: 2,
  }),
  price({
    plan: "pro",
    service: "storage",
    metric: "volume_gb_months",
    unit: "GB-month",
    unit_amount_cents: 10,
    unit_quantity: 1,
    included_quantity: 250,
    position: 3,
  }),
];

const SEPTEMBER = {
  start: new Date("2026-09-01T00:00:00.000Z"),
  end: new Date("2026-10-01T00:00:00.000Z"),
};

describe("pricing", () => {
  it("rounds each amount half up to whole cents", () => {
    const requests = PRICES[2]!;
    expect(amountFor(1, requests, 1)).toBe(0); // 0.004 cents
    expect(amountFor(1_249, requests, 1)).toBe(5); // 4.996
    expect(amountFor(1_250, requests, 1)).toBe(5); // 5.000
    expect(amountFor(1_375, requests, 1)).toBe(6); // 5.5 -> 6
    expect(amountFor(3600 * 2, PRICES[3]!, 3600)).toBe(2); // 2 h × 0.893 = 1.786
  });

  it("charges requests and storage only over the included quantities", () => {
    const charges = computeCharges({
      prices: PRICES,
      period: SEPTEMBER,
      segments: [{ plan: "pro", ...SEPTEMBER }],
      plan: "pro",
      usage: {
        requests: 5_012_345,
        resources: [{ type: "volume", size: "", seconds: 0, gbSeconds: 260 * 730 * 3600 }],
      },
    });
    const byMetric = Object.fromEntries(charges.lines.map((l) => [l.metric, l]));
    expect(byMetric.base_fee?.amount_cents).toBe(4900);
    expect(byMetric.requests).toMatchObject({ quantity: 5_012_345, amount_cents: 49 }); // 12,345 × 0.004
    expect(byMetric.volume_gb_months).toMatchObject({ quantity: 260, amount_cents: 100 }); // 10 GB-months
    expect(charges.total_cents).toBe(4900 + 49 + 100);
  });

  it("pro-rates the fee to the second per plan", () => {
    const middle = new Date("2026-09-16T00:00:00.000Z");
    const charges = computeCharges({
      prices: PRICES,
      period: SEPTEMBER,
      segments: [
        { plan: "free", start: SEPTEMBER.start, end: middle },
        { plan: "pro", start: middle, end: SEPTEMBER.end },
      ],
      plan: "pro",
      usage: { requests: 0, resources: [] },
    });
    expect(charges.lines.map((l) => [l.dimension, l.amount_cents])).toEqual([
      ["free", 0],
      ["pro", 2450],
    ]);
  });

  it("always totals exactly the sum of its line items", () => {
    const day = 86_400_000;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 29 }), { maxLength: 4 }),
        fc.nat({ max: 50_000_000 }),
        fc.array(
          fc.record({
            type: fc.constantFrom("instance", "volume", "bucket", "network", "unknown"),
            seconds: fc.nat({ max: 2_678_400 }),
            gb: fc.nat({ max: 16_384 }),
          }),
          { maxLength: 6 },
        ),
        (cutDays, requests, resources) => {
          const cuts = [...new Set(cutDays)].sort((a, b) => a - b);
          const edges = [
            SEPTEMBER.start,
            ...cuts.map((d) => new Date(SEPTEMBER.start.getTime() + d * day)),
            SEPTEMBER.end,
          ];
          const segments: PlanSegment[] = edges.slice(1).map((end, i) => ({
            plan: i % 2 === 0 ? "pro" : "free",
            start: edges[i]!,
            end,
          }));
          const charges = computeCharges({
            prices: PRICES,
            period: SEPTEMBER,
            segments,
            plan: "pro",
            usage: {
              requests,
              resources: resources.map((r) => ({
                type: r.type,
                size: "s-1vcpu-1gb",
                seconds: r.seconds,
                gbSeconds: r.seconds * r.gb,
              })),
            },
          });
          const sum = charges.lines.reduce((total, line) => total + line.amount_cents, 0);
          expect(charges.total_cents).toBe(sum);
          for (const line of charges.lines) {
            expect(Number.isInteger(line.amount_cents)).toBe(true);
            expect(line.amount_cents).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });
});
