import type { HonoRequest, MiddlewareHandler } from "hono";
import { AppError } from "@/lib/errors";
import { readLimitedBody } from "@/lib/http/limited-body";
import type { ApiEnv } from "../env";
import { requestState } from "../response-headers";

export const MAX_BODY_BYTES = 1024 * 1024;
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);
const NUL_ESCAPE = /(?<!\\)(?:\\\\)*\\u0000/i;

/**
 * JSON only, at most 1 MiB, refused before parsing when too large, 400 when malformed. The parsed
 * body is handed to the validators through Hono's body cache, so the stream is read once.
 */
/**
 * Hono's body cache holds promises at run time although its type says string; the validators read
 * the text from here, so the stream we already consumed is not read twice.
 */
function cacheBodyText(request: HonoRequest, text: string): void {
  (request.bodyCache as { text?: unknown }).text = Promise.resolve(text);
}

const readJsonBody: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const bytes = await readLimitedBody(c.req.raw, MAX_BODY_BYTES);
  requestState(c).requestBytes = bytes.byteLength;
  if (bytes.byteLength === 0) {
    // An empty body is an empty object: actions like /revoke need no body at all.
    cacheBodyText(c.req, "{}");
    return next();
  }
  const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json" && !type?.endsWith("+json")) {
    throw new AppError(
      "unsupported_media_type",
      "Send the body as JSON with Content-Type: application/json",
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Malformed JSON in request body (it must be UTF-8 JSON)");
  }
  // A NUL escape (an odd run of backslashes before u0000): PostgreSQL text cannot store U+0000,
  // and no field of this API has a use for it.
  if (NUL_ESCAPE.test(text)) {
    throw new AppError("bad_request", "Strings in the request body may not contain NUL (\\u0000)");
  }
  cacheBodyText(c.req, text);
  // Returned, not awaited: a later step that answers itself (an idempotent replay) hands its
  // answer up through here (see sequence.ts).
  return next();
};

/** GET and friends pass straight on (no promise of our own on the hot path). */
export const jsonBody: MiddlewareHandler<ApiEnv> = (c, next) =>
  BODY_METHODS.has(c.req.method) ? readJsonBody(c, next) : next();
