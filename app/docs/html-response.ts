import { docsScript } from "@/components/docs/browser/docs-script";
import { tryItScript } from "@/components/docs/browser/try-it-script";
import { notFoundHtml } from "@/components/docs/render-pages";
import { configFromEnvironment } from "@/lib/config";
import { appStylesheets } from "@/lib/docs/app-stylesheets";
import { notFoundPageProps } from "@/lib/docs/page-props";
import { renderedDocsPage } from "@/lib/docs/rendered-pages";

/** The browser scripts' sources, hashed into the assets' version. */
export const DOCS_SCRIPT_SOURCES = [docsScript.toString(), tryItScript.toString()];

/**
 * A docs page for this request: HTML rendered on the server once per base URL (the address the
 * samples call, which is the deployment's, so it is known only when the server runs), no
 * framework JavaScript.
 */
export async function docsPageResponse(
  request: Request,
  path: string,
  render: (baseUrl: string) => Promise<string>,
): Promise<Response> {
  await compileAppStylesInDevelopment();
  const html = await renderedDocsPage(request, path, render);
  return htmlResponse(html);
}

/** 404 for a docs address that names no page: the docs' frame with its search and menu. */
export async function docsNotFoundResponse(): Promise<Response> {
  await compileAppStylesInDevelopment();
  return htmlResponse(notFoundHtml(await notFoundPageProps(DOCS_SCRIPT_SOURCES)), 404);
}

function htmlResponse(html: string, status = 200): Response {
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

/**
 * In development the portal's stylesheet exists only once some App Router page has been
 * compiled; the docs link that stylesheet, so the first docs visit asks for the home page first.
 * Production builds have it before the server starts, so this does nothing there.
 */
async function compileAppStylesInDevelopment(): Promise<void> {
  const config = configFromEnvironment();
  if (config.nodeEnv !== "development" || appStylesheets().length > 0) return;
  // Ask this process directly: the request's own URL may name a proxy in front of it.
  const home = `http://127.0.0.1:${config.port}/`;
  try {
    await fetch(home, { signal: AbortSignal.timeout(60_000) });
  } catch {
    // The docs still render, unstyled, and pick the stylesheet up on the next request.
  }
}
