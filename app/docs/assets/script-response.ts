/** A static script of the docs; its URL carries the build's version, so a short cache is enough. */
export function javascriptResponse(source: string): Response {
  return new Response(source, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=300",
    },
  });
}
