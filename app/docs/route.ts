import { guideHtml } from "@/components/docs/render-pages";
import { guidePageProps } from "@/lib/docs/page-props";
import { compileAppStylesInDevelopment, DOCS_SCRIPT_SOURCES, htmlResponse } from "./html-response";

/** /docs: the overview, rendered to static HTML at build time; no framework JavaScript. */
export const dynamic = "force-static";

export async function GET(): Promise<Response> {
  await compileAppStylesInDevelopment();
  return htmlResponse(guideHtml(await guidePageProps("", DOCS_SCRIPT_SOURCES)));
}
