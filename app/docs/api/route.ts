import { referenceIndexHtml } from "@/components/docs/render-pages";
import { referenceIndexProps } from "@/lib/docs/page-props";
import { DOCS_SCRIPT_SOURCES, docsPageResponse } from "../html-response";

/** /docs/api: the API reference's index, from the OpenAPI document, rendered on the server. */
export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return docsPageResponse(request, "/docs/api", async () =>
    referenceIndexHtml(await referenceIndexProps(DOCS_SCRIPT_SOURCES)),
  );
}
