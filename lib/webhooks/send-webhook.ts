import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { performance } from "node:perf_hooks";
import { DELIVERY_TIMEOUT_MS, EXCERPT_LENGTH } from "./delivery-limits";
import { guardedLookup, isBlockedAddress, type UrlRules } from "./url-policy";

/** Bytes of the answer read at most; the rest is dropped unread. */
const MAX_READ_BYTES = 4096;

export interface OutgoingWebhook {
  url: string;
  body: string;
  headers: Record<string, string>;
}

export interface SendOutcome {
  ok: boolean;
  /** The HTTP status, or null when no answer came (refused, timed out, blocked). */
  status: number | null;
  latencyMs: number;
  excerpt: string | null;
  /** Why there was no usable answer (with a status: null). */
  error: string | null;
}

/** Sends one delivery attempt; tests can stand in a fake with the same shape. */
export type WebhookSender = (
  outgoing: OutgoingWebhook,
  rules: UrlRules,
  timeoutMs?: number,
) => Promise<SendOutcome>;

/** Printable text only: control characters (but tab and newlines) are dropped. */
function excerptOf(bytes: Buffer): string | null {
  if (bytes.length === 0) return null;
  let text = "";
  for (const char of bytes.toString("utf8")) {
    const code = char.charCodeAt(0);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) continue;
    text += char;
    if (text.length >= EXCERPT_LENGTH) break;
  }
  return text.slice(0, EXCERPT_LENGTH);
}

function failureText(error: NodeJS.ErrnoException, timedOut: boolean): string {
  if (timedOut) return `No answer within ${DELIVERY_TIMEOUT_MS / 1000} s`;
  switch (error.code) {
    case "EWEBHOOKBLOCKED":
      return error.message;
    case "ECONNREFUSED":
      return "Connection refused";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "The host name did not resolve";
    case "ECONNRESET":
      return "The connection was reset";
    default:
      return (error.code ? `${error.code}: ${error.message}` : error.message).slice(0, 200);
  }
}

/**
 * POSTs one attempt with node:http(s): no redirects are followed (a 3xx is a failure), the whole
 * exchange must finish within the timeout, and the connection goes only to an address the URL
 * rules allow, checked at connect time (an IP in the URL here, a name in guardedLookup).
 */
export const sendWebhook: WebhookSender = (outgoing, rules, timeoutMs = DELIVERY_TIMEOUT_MS) => {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise<SendOutcome>((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: Omit<SendOutcome, "latencyMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, latencyMs: elapsed() });
    };
    const fail = (error: string) => finish({ ok: false, status: null, excerpt: null, error });

    const url = new URL(outgoing.url);
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (!rules.allowPrivate && isIP(host) !== 0 && isBlockedAddress(host)) {
      fail(`${host} is a private or reserved address`);
      return;
    }
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    let timedOut = false;
    const req = send(url, {
      method: "POST",
      headers: { ...outgoing.headers, "Content-Length": String(Buffer.byteLength(outgoing.body)) },
      agent: false,
      lookup: guardedLookup(rules) as never,
    });
    timer = setTimeout(() => {
      timedOut = true;
      req.destroy(new Error("timeout"));
    }, timeoutMs);
    timer.unref();
    req.on("error", (error: NodeJS.ErrnoException) => fail(failureText(error, timedOut)));
    req.on("response", (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        res.destroy();
        finish({
          ok: status >= 200 && status < 300,
          status,
          excerpt: excerptOf(Buffer.concat(chunks).subarray(0, MAX_READ_BYTES)),
          error: null,
        });
      };
      res.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= MAX_READ_BYTES) done();
      });
      res.on("end", done);
      res.on("error", () => done());
    });
    req.end(outgoing.body);
  });
};
