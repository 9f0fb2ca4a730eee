import { loadDocsSite } from "@/lib/docs/load-site";
import { buildSearchIndex } from "@/lib/docs/search-index";

export const dynamic = "force-static";

/** The docs search index, made at build time from the guides and the API reference. */
export async function GET(): Promise<Response> {
  const index = buildSearchIndex(await loadDocsSite());
  return Response.json(index, { headers: { "Cache-Control": "public, max-age=300" } });
}
