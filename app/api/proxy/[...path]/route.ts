import { handleProxyRequest } from "@/lib/portal/proxy-handler";

// The portal's server-side proxy to the API; the rules live in lib/portal/proxy.ts.
export const dynamic = "force-dynamic";

export const GET = handleProxyRequest;
export const HEAD = handleProxyRequest;
export const POST = handleProxyRequest;
export const PUT = handleProxyRequest;
export const PATCH = handleProxyRequest;
export const DELETE = handleProxyRequest;
