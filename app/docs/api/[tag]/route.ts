import { tagHtml } from "@/components/docs/render-pages";
import { referenceTagSlugs, tagPageProps } from "@/lib/docs/page-props";
import { DOCS_SCRIPT_SOURCES, docsNotFoundResponse, docsPageResponse } from "../../html-response";

/** One area of the API reference, from the OpenAPI document, rendered once per base URL. */
export const dynamic = "force-dynamic";

export async function GET(
  request: Request,
  { params }: { params: Promise<{ tag: string }> },
): Promise<Response> {
  const { tag } = await params;
  if (!(await referenceTagSlugs()).includes(tag)) return docsNotFoundResponse();
  return docsPageResponse(request, `/docs/api/${tag}`, async (baseUrl) =>
    tagHtml(await tagPageProps(tag, DOCS_SCRIPT_SOURCES, baseUrl)),
  );
}
