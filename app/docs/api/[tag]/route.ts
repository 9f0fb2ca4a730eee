import { tagHtml } from "@/components/docs/render-pages";
import { referenceTagSlugs, tagPageProps } from "@/lib/docs/page-props";
import {
  compileAppStylesInDevelopment,
  DOCS_SCRIPT_SOURCES,
  htmlResponse,
} from "../../html-response";

/** One area of the API reference, generated from the OpenAPI document at build time. */
export const dynamic = "force-static";
export const dynamicParams = false;

export async function generateStaticParams(): Promise<Array<{ tag: string }>> {
  return (await referenceTagSlugs()).map((tag) => ({ tag }));
}

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ tag: string }> },
): Promise<Response> {
  await compileAppStylesInDevelopment();
  const { tag } = await params;
  return htmlResponse(tagHtml(await tagPageProps(tag, DOCS_SCRIPT_SOURCES)));
}
