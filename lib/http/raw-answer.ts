import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";

/** An answer written straight to a socket (an upgrade request has no ServerResponse). */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Why an upgrade request is refused: the API and the portal speak plain HTTP only. */
export const NO_UPGRADE =
  "This server does not upgrade connections (no WebSocket or h2c); send plain HTTP requests";

/** How long a client may keep a refused connection open before it is destroyed. */
const LINGER_MS = 1_000;

/**
 * Writes the answer, half-closes the connection and destroys it once the client has closed its
 * side, or after LINGER_MS if it never does: no socket outlives its client, and none is left
 * waiting for a client that stays. What the client still sends is read and dropped, so closing
 * does not reset the connection before the answer has arrived.
 */
export function sendRawAnswerAndClose(socket: Duplex, answer: RawAnswer): void {
  socket.on("error", () => socket.destroy());
  if (socket.destroyed) return;
  const body = Buffer.from(answer.body, "utf8");
  const lines = [`HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? "Error"}`];
  for (const [name, value] of Object.entries(answer.headers)) lines.push(`${name}: ${value}`);
  lines.push(`content-length: ${body.byteLength}`, "connection: close", "", "");
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once("close", () => clearTimeout(timer));
  socket.resume();
  socket.end(Buffer.concat([Buffer.from(lines.join("\r\n"), "latin1"), body]));
}

/** A short HTML error page for the portal's side (the portal's security headers come separately). */
export function plainErrorPage(status: number, message: string): RawAnswer {
  const title = STATUS_CODES[status] ?? "Error";
  const text = message.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
    body: `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title><h1>${status} ${title}</h1><p>${text}</p></html>\n`,
  };
}
