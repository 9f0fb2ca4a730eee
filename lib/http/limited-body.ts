import { IncomingMessage } from "node:http";
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

/** The Node request behind a Request, when the server handed it over (@hono/node-server does). */
export function nodeRequestOf(incoming: unknown): IncomingMessage | undefined {
  return incoming instanceof IncomingMessage ? incoming : undefined;
}

/**
 * readLimitedBody straight from Node's request stream: the same limits and refusals, without the
 * web ReadableStream and Request that reading `request.body` makes @hono/node-server build
 * (~150 us of a 37-byte POST). Past the limit it stops reading; what the client still sends is
 * drained and the connection closed by the server adapter once the 413 is out.
 */
export function readLimitedNodeBody(incoming: IncomingMessage, limit: number): Promise<Uint8Array> {
  const declared = incoming.headers["content-length"];
  if (declared !== undefined && Number(declared) > limit) return Promise.reject(tooLarge(limit));
  // Already read to its end (by nothing of ours so far): there is nothing left to wait for.
  if (incoming.readableEnded) return Promise.resolve(new Uint8Array());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      incoming.off("data", onData);
      incoming.off("end", onEnd);
      incoming.off("error", onFailure);
      incoming.off("close", onFailure);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        stop();
        incoming.pause();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    };
    // The client went away mid-body: nobody is left to read an answer.
    const onFailure = () => {
      stop();
      reject(new AppError("bad_request", "The request body ended before it was complete"));
    };
    incoming.on("data", onData);
    incoming.once("end", onEnd);
    incoming.once("error", onFailure);
    incoming.once("close", onFailure);
  });
}

function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `Request bodies are limited to ${limit} bytes`);
}
