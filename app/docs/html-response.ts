import { docsScript } from "@/components/docs/browser/docs-script";
import { tryItScript } from "@/components/docs/browser/try-it-script";
import { appStylesheets } from "@/lib/docs/app-stylesheets";

/** The browser scripts' sources, hashed into the assets' version. */
export const DOCS_SCRIPT_SOURCES = [docsScript.toString(), tryItScript.toString()];

/** A docs page: static HTML made at build time (the route is force-static). */
export function htmlResponse(html: string): Response {
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}

/**
 * In development the portal's stylesheet exists only once some App Router page has been
 * compiled; the docs link that stylesheet, so the first docs visit asks for the home page first.
 * Production builds have it before any page is prerendered, so this does nothing there.
 */
export async function compileAppStylesInDevelopment(): Promise<void> {
  if (process.env.NODE_ENV !== "development" || appStylesheets().length > 0) return;
  // Static route handlers see a stand-in request URL in development: ask this process directly.
  const home = `http://127.0.0.1:${process.env.PORT || "3000"}/`;
  try {
    await fetch(home, { signal: AbortSignal.timeout(60_000) });
  } catch {
    // The docs still render, unstyled, and pick the stylesheet up on the next request.
  }
}
