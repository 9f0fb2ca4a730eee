/** What "copy as curl" needs from a log entry. */
export interface CurlSource {
  method: string;
  path: string;
  idempotency_key: string | null;
}

const quote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;

/**
 * The request as a curl command, with the key as $CLOUD_API_KEY (the log never holds a secret)
 * and the body, which the log does not keep, read from body.json.
 */
export function curlCommand(entry: CurlSource, origin: string): string {
  const lines = [`curl -X ${entry.method} ${quote(`${origin}${entry.path}`)}`];
  lines.push(`  -H "Authorization: Bearer $CLOUD_API_KEY"`);
  if (entry.idempotency_key)
    lines.push(`  -H ${quote(`Idempotency-Key: ${entry.idempotency_key}`)}`);
  if (entry.method === "POST" || entry.method === "PUT" || entry.method === "PATCH") {
    lines.push(`  -H "Content-Type: application/json"`, "  --data @body.json");
  }
  return lines.join(" \\\n");
}
