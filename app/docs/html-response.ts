import { docsScript } from "@/components/docs/browser/docs-script";
import { tryItScript } from "@/components/docs/browser/try-it-script";

/** The browser scripts' sources, hashed into the assets' version. */
export const DOCS_SCRIPT_SOURCES = [docsScript.toString(), tryItScript.toString()];

/** A docs page: static HTML made at build time (the route is force-static). */
export function htmlResponse(html: string): Response {
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}
