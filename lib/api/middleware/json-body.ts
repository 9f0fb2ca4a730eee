import type { HonoRequest, MiddlewareHandler } from "hono";
import { AppError } from "@/lib/errors";
import { nodeRequestOf, readLimitedBody, readLimitedNodeBody } from "@/lib/http/limited-body";
import type { ApiEnv } from "../env";
import { requestState } from "../response-headers";

export const MAX_BODY_BYTES = 1024 * 1024;
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);
const NUL_ESCAPE = /(?<!\\)(?:\\\\)*\\u0000/i;
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
/** In unicode mode a pair is one code point, so \p{Cs} matches only a surrogate left alone. */
const LONE_SURROGATE = /\p{Cs}/u;

interface Visit {
  value: unknown;
  key: string | number | null;
  parent: Visit | null;
}

function pathOf(visit: Visit): Array<string | number> {
  const path: Array<string | number> = [];
  for (let at: Visit | null = visit; at && at.key !== null; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * Where a value holds a string (or a key) that is not well-formed UTF-16, or null. Iterative
 * (with parent links for the path), so a deeply nested body cannot overflow the stack.
 */
function firstLoneSurrogate(
  root: unknown,
): { path: Array<string | number>; inKey: boolean } | null {
  const pending: Visit[] = [{ value: root, key: null, parent: null }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const { value } = visit;
    if (typeof value === "string") {
      if (LONE_SURROGATE.test(value)) return { path: pathOf(visit), inKey: false };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        pending.push({ value: value[i], key: i, parent: visit });
      }
    } else if (value !== null && typeof value === "object") {
      const entries = Object.entries(value);
      for (const [key] of entries) {
        if (LONE_SURROGATE.test(key)) return { path: pathOf(visit), inKey: true };
      }
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i] as [string, unknown];
        pending.push({ value: item, key, parent: visit });
      }
    }
  }
  return null;
}

/**
 * A lone UTF-16 surrogate cannot be stored as UTF-8 (one store would keep U+FFFD, the other
 * refuse it), so it is refused here, for every field alike, naming the field as zod would.
 */
function loneSurrogateError(found: { path: Array<string | number>; inKey: boolean }): AppError {
  const field = found.path.map(String).join(".") || "body";
  const message = found.inKey
    ? `${field} has a key that is not valid Unicode text (a lone UTF-16 surrogate escape)`
    : `${field} is not valid Unicode text (it holds a lone UTF-16 surrogate escape)`;
  return new AppError("validation_failed", message, {
    errors: [{ field, code: "invalid_unicode", message }],
  });
}

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
  const incoming = nodeRequestOf(c.env?.incoming);
  const bytes = await (incoming
    ? readLimitedNodeBody(incoming, MAX_BODY_BYTES)
    : readLimitedBody(c.req.raw, MAX_BODY_BYTES));
  requestState(c).requestBytes = bytes.byteLength;
  if (bytes.byteLength === 0) {
    // An empty body is an empty object: actions like /revoke need no body at all. The bytes stay
    // empty, so a route whose body is optional still sees that none was sent.
    (c.req.bodyCache as { arrayBuffer?: unknown }).arrayBuffer = Promise.resolve(
      new ArrayBuffer(0),
    );
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
  let parsed: unknown;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    parsed = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Malformed JSON in request body (it must be UTF-8 JSON)");
  }
  // The decoder refused broken UTF-8, so a lone surrogate can only come from a \uD800-\uDFFF
  // escape: the walk runs only for bodies that hold one (a valid pair passes it).
  if (SURROGATE_ESCAPE.test(text)) {
    const field = firstLoneSurrogate(parsed);
    if (field) throw loneSurrogateError(field);
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
