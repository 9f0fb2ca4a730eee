import { referenceIndexHtml } from "@/components/docs/render-pages";
import { referenceIndexProps } from "@/lib/docs/page-props";
import { compileAppStylesInDevelopment, DOCS_SCRIPT_SOURCES, htmlResponse } from "../html-response";

/** The API reference's index, generated from the OpenAPI document at build time. */
export const dynamic = "force-static";

export async function GET(): Promise<Response> {
  await compileAppStylesInDevelopment();
  return htmlResponse(referenceIndexHtml(await referenceIndexProps(DOCS_SCRIPT_SOURCES)));
}
