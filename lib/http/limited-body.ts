import { AppError } from "@/lib/errors";

/**
 * A request's body, at most `limit` bytes: refused (413 payload_too_large) on its declared
 * Content-Length before anything is read, or as soon as what arrives passes the limit (the stream
 * is cancelled, so a huge body is never buffered). No body reads as zero bytes. Both the API's
 * body check and the portal's proxy read bodies through here.
 */
export async function readLimitedBody(
  request: Request,
  limit: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `Request bodies are limited to ${limit} bytes`);
}
