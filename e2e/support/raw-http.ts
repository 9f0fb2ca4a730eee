import { connect } from "node:net";

export interface RawExchange {
  /** The bytes the server sent before it closed the connection (latin1), "" if none. */
  text: string;
  status: number | null;
  headers: Record<string, string>;
  body: string;
  /** The server closed the connection (FIN) before the deadline. */
  closedByServer: boolean;
  ms: number;
}

/**
 * Writes `request` exactly as given (a request line no HTTP client would send, an upgrade)
 * and reads until the server closes the connection or `timeoutMs` passes; the client never
 * closes first, so `closedByServer` tells whether the server let go of the socket by itself.
 */
export function exchange(port: number, request: string, timeoutMs = 5000): Promise<RawExchange> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (closedByServer: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString("latin1");
      const split = text.indexOf("\r\n\r\n");
      const head = split === -1 ? text : text.slice(0, split);
      const [statusLine = "", ...lines] = head.split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(":");
        if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      const status = /^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1];
      const rest = split === -1 ? "" : text.slice(split + 4);
      const body = headers["transfer-encoding"] === "chunked" ? dechunk(rest) : rest;
      resolve({
        text,
        status: status ? Number(status) : null,
        headers,
        body: Buffer.from(body, "latin1").toString("utf8"),
        closedByServer,
        ms: Date.now() - started,
      });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("end", () => finish(true));
    socket.on("error", () => finish(false));
    socket.write(request);
  });
}

function dechunk(text: string): string {
  let out = "";
  let at = 0;
  for (;;) {
    const lineEnd = text.indexOf("\r\n", at);
    if (lineEnd === -1) return out;
    const size = Number.parseInt(text.slice(at, lineEnd), 16);
    if (!(size > 0)) return out;
    out += text.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}

/** An HTTP/1.1 request as text: `line` is e.g. "GET /v1/regions HTTP/1.1". */
export function requestText(line: string, headers: Record<string, string> = {}): string {
  const all = { Host: "127.0.0.1", ...headers };
  return `${line}\r\n${Object.entries(all)
    .map(([name, value]) => `${name}: ${value}`)
    .join("\r\n")}\r\n\r\n`;
}

export const WEBSOCKET_UPGRADE = {
  Connection: "Upgrade",
  Upgrade: "websocket",
  "Sec-WebSocket-Version": "13",
  "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
};
