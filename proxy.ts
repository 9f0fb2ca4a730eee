import { type NextRequest, NextResponse } from "next/server";
import { REQUEST_PATH_HEADER } from "@/lib/portal/request-path";

/**
 * Layouts do not know the URL, but the dashboard layout must send a signed-out visitor to
 * /login with the page they asked for. This hands it the path; the auth check itself stays in
 * the layout and pages (requireDashboardContext), which read the real session.
 */
export function proxy(request: NextRequest) {
  const url = request.nextUrl;
  const params = new URLSearchParams(url.search);
  params.delete("_rsc");
  const query = params.toString();
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, `${url.pathname}${query ? `?${query}` : ""}`);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/dashboard", "/dashboard/:path*"] };
