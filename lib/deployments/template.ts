import { DEFAULT_INSTANCE_IMAGE, DEFAULT_INSTANCE_SIZE } from "@/lib/catalog/resources";
import { validationFailed } from "@/lib/errors";
import type { ServiceTemplateInput, StrategyInput } from "@/lib/schemas/deployments";

/** A template with its defaults filled in: what is stored and compared. */
export interface ServiceTemplate {
  size: string;
  image: string;
  count: number;
  load_balancer: boolean;
  volume_gb: number | null;
}

export interface WaveState {
  index: number;
  regions: string[];
  bake_seconds: number;
  approval_required: boolean;
  /** The member or key that approved the wave. */
  approved_by: string | null;
}

export function resolveTemplate(input: ServiceTemplateInput): ServiceTemplate {
  return {
    size: input.size ?? DEFAULT_INSTANCE_SIZE,
    image: input.image ?? DEFAULT_INSTANCE_IMAGE,
    count: input.count,
    load_balancer: input.load_balancer ?? false,
    volume_gb: input.volume_gb ?? null,
  };
}

export function sameTemplate(a: ServiceTemplate, b: ServiceTemplate): boolean {
  return (
    a.size === b.size &&
    a.image === b.image &&
    a.count === b.count &&
    a.load_balancer === b.load_balancer &&
    a.volume_gb === b.volume_gb
  );
}

const wave = (index: number, regions: string[], bake = 0, approval = false): WaveState => ({
  index,
  regions,
  bake_seconds: bake,
  approval_required: approval,
  approved_by: null,
});

/**
 * The waves a strategy makes of the regions. Rolling waves must name every region exactly once;
 * max_parallel splits a wave into consecutive waves of at most that many regions (the later
 * parts keep the wave's bake but not its approval, which gates the wave once).
 */
export function buildWaves(regions: readonly string[], strategy: StrategyInput): WaveState[] {
  if (strategy.type === "parallel") return [wave(0, [...regions])];
  if (strategy.type === "canary") {
    if (!regions.includes(strategy.canary_region)) {
      throw validationFailed([
        {
          field: "strategy.canary_region",
          code: "invalid_region",
          message: `canary_region ${strategy.canary_region} is not one of the regions`,
        },
      ]);
    }
    const rest = regions.filter((r) => r !== strategy.canary_region);
    const waves = [wave(0, [strategy.canary_region], strategy.bake_seconds ?? 0)];
    if (rest.length > 0) waves.push(wave(1, rest));
    return waves;
  }
  const asked =
    strategy.waves ??
    regions.map((r) => ({
      regions: [r],
      bake_seconds: strategy.bake_seconds,
      approval: undefined,
    }));
  const listed = asked.flatMap((w) => w.regions);
  const missing = regions.filter((r) => !listed.includes(r));
  const extra = listed.filter((r) => !regions.includes(r));
  const twice = listed.filter((r, i) => listed.indexOf(r) !== i);
  if (missing.length + extra.length + twice.length > 0) {
    const parts = [
      missing.length > 0 ? `missing ${missing.join(", ")}` : "",
      extra.length > 0 ? `not in regions: ${extra.join(", ")}` : "",
      twice.length > 0 ? `listed twice: ${twice.join(", ")}` : "",
    ].filter(Boolean);
    throw validationFailed([
      {
        field: "strategy.waves",
        code: "invalid_waves",
        message: `the waves must name every region exactly once (${parts.join("; ")})`,
      },
    ]);
  }
  const size = strategy.max_parallel ?? Number.MAX_SAFE_INTEGER;
  const waves: WaveState[] = [];
  for (const w of asked) {
    for (let i = 0; i < w.regions.length; i += size) {
      waves.push(
        wave(
          waves.length,
          w.regions.slice(i, i + size),
          w.bake_seconds ?? 0,
          i === 0 && w.approval?.required === true,
        ),
      );
    }
  }
  return waves;
}
