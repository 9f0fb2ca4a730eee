import { getRuntime } from "@/lib/runtime";

export const dynamic = "force-dynamic";

/** Prometheus text exposition of this instance's counters. */
export async function GET() {
  const { metrics } = await getRuntime();
  return new Response(await metrics.registry.metrics(), {
    headers: { "Content-Type": metrics.registry.contentType, "Cache-Control": "no-store" },
  });
}
