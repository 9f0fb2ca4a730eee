import { guideHtml } from "@/components/docs/render-pages";
import { guidePageProps } from "@/lib/docs/page-props";
import { DOCS_SCRIPT_SOURCES, docsPageResponse } from "./html-response";

/** /docs: the overview, rendered on the server once per base URL; no framework JavaScript. */
export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return docsPageResponse(request, "/docs", async (baseUrl) =>
    guideHtml(await guidePageProps("", DOCS_SCRIPT_SOURCES, baseUrl)),
  );
}
