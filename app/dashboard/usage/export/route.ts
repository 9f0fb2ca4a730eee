import {
  customRangeProblem,
  readFilters,
  resolveRange,
  usageQuery,
} from "@/components/usage/usage-range";
import { PROXY_BASE } from "@/lib/portal/proxy-protocol";

/**
 * The usage page's "Export CSV": the page's own filters, resolved to a range that ends when the
 * export is asked for. The page's link carries no clock, so the server and the browser draw the
 * same link, and an export made an hour after the page loaded still ends now.
 */
export const dynamic = "force-dynamic";

export function GET(request: Request): Response {
  const filters = readFilters(new URL(request.url).searchParams);
  const problem = customRangeProblem(filters);
  if (problem) {
    return new Response(problem, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const query = usageQuery(resolveRange(filters), filters, { format: "csv" });
  return new Response(null, {
    status: 303,
    headers: { Location: `${PROXY_BASE}/v1/usage?${query}` },
  });
}
