import { guideHtml } from "@/components/docs/render-pages";
import { guidePageProps } from "@/lib/docs/page-props";
import { DOC_SLUGS } from "@/lib/docs/pages";
import { compileAppStylesInDevelopment, DOCS_SCRIPT_SOURCES, htmlResponse } from "../html-response";

/** Every guide, rendered to static HTML at build time; no framework JavaScript. */
export const dynamic = "force-static";
export const dynamicParams = false;

export function generateStaticParams(): Array<{ slug: string }> {
  return DOC_SLUGS.filter((slug) => slug !== "").map((slug) => ({ slug }));
}

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ slug: string }> },
): Promise<Response> {
  await compileAppStylesInDevelopment();
  const { slug } = await params;
  return htmlResponse(guideHtml(await guidePageProps(slug, DOCS_SCRIPT_SOURCES)));
}
