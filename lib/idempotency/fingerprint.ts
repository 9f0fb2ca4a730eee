import { createHash } from "node:crypto";

/** JSON with object keys sorted at every depth, so {"a":1,"b":2} and {"b":2,"a":1} agree. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .map(
        (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
      );
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function canonicalBody(text: string): string {
  if (text.trim() === "") return "{}";
  try {
    return canonicalJson(JSON.parse(text));
  } catch {
    return text;
  }
}

/**
 * What makes two requests "the same request" for an idempotency key: method, path (without the
 * query and a trailing slash) and the body's meaning rather than its bytes.
 */
export function requestFingerprint(method: string, path: string, bodyText: string): string {
  const normalisedPath = path.length > 1 ? path.replace(/\/+$/, "") : path;
  return createHash("sha256")
    .update(method.toUpperCase())
    .update("\n")
    .update(normalisedPath)
    .update("\n")
    .update(canonicalBody(bodyText))
    .digest("hex");
}
