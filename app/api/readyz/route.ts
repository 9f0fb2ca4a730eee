import { checkReadiness } from "@/lib/readiness";
import { getRuntime } from "@/lib/runtime";

export const dynamic = "force-dynamic";

export async function GET() {
  const readiness = await checkReadiness(await getRuntime());
  return Response.json(
    { status: readiness.ready ? "ready" : "unavailable", checks: readiness.checks },
    { status: readiness.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
