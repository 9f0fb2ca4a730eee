export const dynamic = "force-dynamic";

/** Liveness: the process answers. Stores are readiness's business. */
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
