import { guideHtml } from "@/components/docs/render-pages";
import { guidePageProps } from "@/lib/docs/page-props";
import { isGuideSlug } from "@/lib/docs/pages";
import { DOCS_SCRIPT_SOURCES, docsNotFoundResponse, docsPageResponse } from "../html-response";

/** Every guide, rendered on the server once per base URL; no framework JavaScript. */
export const dynamic = "force-dynamic";

export async function GET(
  request: Request,
  { params }: { params: Promise<{ slug: string }> },
): Promise<Response> {
  const { slug } = await params;
  if (!isGuideSlug(slug)) return docsNotFoundResponse();
  return docsPageResponse(request, `/docs/${slug}`, async (baseUrl) =>
    guideHtml(await guidePageProps(slug, DOCS_SCRIPT_SOURCES, baseUrl)),
  );
}
