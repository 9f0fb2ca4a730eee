import { LRUCache } from "lru-cache";
import { configFromEnvironment } from "@/lib/config";
import { PUBLIC_BASE_URL_HEADER } from "@/lib/http/surface";

/** The base URL this request's docs show: server.ts sets it on every portal request. */
export function docsBaseUrl(request: Request): string {
  const value = request.headers.get(PUBLIC_BASE_URL_HEADER);
  if (value && URL.canParse(value)) return value.replace(/\/+$/, "");
  return new URL(request.url).origin;
}

/**
 * Docs pages as rendered, per base URL and path: each is rendered once, so a page costs a map
 * lookup after its first visit. A deployment shows one base URL, or a few when it answers on the
 * origins it is reached by; the bound keeps invented Host headers from growing memory.
 */
const rendered = new LRUCache<string, string>({
  maxSize: 32 * 1024 * 1024,
  sizeCalculation: (html, key) => html.length + key.length,
});

/** The page at `path` for this request's base URL; rendered on the first visit (in production). */
export async function renderedDocsPage(
  request: Request,
  path: string,
  render: (baseUrl: string) => Promise<string>,
): Promise<string> {
  const baseUrl = docsBaseUrl(request);
  const key = `${baseUrl} ${path}`;
  const cached = rendered.get(key);
  if (cached !== undefined) return cached;
  const html = await render(baseUrl);
  // In development the stylesheet and the content change under a running server.
  if (configFromEnvironment().nodeEnv === "production") rendered.set(key, html);
  return html;
}
