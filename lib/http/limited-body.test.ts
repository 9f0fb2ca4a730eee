import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { nodeRequestOf, readLimitedBody, readLimitedNodeBody } from "./limited-body";

/** A streamed body (no Content-Length) of the given chunks; notes whether it was cancelled. */
function streamed(chunks: string[]) {
  const state = { pulled: 0, cancelled: false };
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[state.pulled++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(encoder.encode(chunk));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  const request = new Request("http://x/", { method: "POST", body, duplex: "half" } as RequestInit);
  return { request, state };
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("readLimitedBody", () => {
  it("joins the chunks of a body within the limit; no body is zero bytes", async () => {
    const { request } = streamed(['{"a":', "1}"]);
    expect(new TextDecoder().decode(await readLimitedBody(request, 10))).toBe('{"a":1}');
    expect((await readLimitedBody(new Request("http://x/"), 10)).byteLength).toBe(0);
  });

  it("stops reading and cancels the stream once the body passes the limit", async () => {
    const chunks = Array.from({ length: 10 }, () => "12345");
    const { request, state } = streamed(chunks);
    const error = await refusal(readLimitedBody(request, 8));
    expect(error.code).toBe("payload_too_large");
    expect(error.message).toBe("Request bodies are limited to 8 bytes");
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThan(chunks.length);
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const { request } = streamed(["1"]);
    const declared = new Request(request, { headers: { "content-length": "9" } });
    expect((await refusal(readLimitedBody(declared, 8))).code).toBe("payload_too_large");
    expect(declared.bodyUsed).toBe(false);
  });
});

describe("readLimitedNodeBody, over a real socket", () => {
  /** A server that answers each request with what reading its body gave (size or error code). */
  async function withServer(run: (url: string) => Promise<void>): Promise<void> {
    const server = createServer((incoming, res) => {
      const incomingRequest = nodeRequestOf(incoming);
      if (!incomingRequest) throw new Error("not a Node request");
      readLimitedNodeBody(incomingRequest, 8).then(
        (bytes) => res.end(`ok ${new TextDecoder().decode(bytes)}`),
        (error: AppError) => {
          res.statusCode = 413;
          res.end(error.code);
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await run(`http://127.0.0.1:${port}/`);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it("reads a body within the limit, in one chunk or several, and no body as zero bytes", async () => {
    await withServer(async (url) => {
      const small = await fetch(url, { method: "POST", body: '{"a":1}' });
      expect(await small.text()).toBe('ok {"a":1}');
      const empty = await fetch(url, { method: "POST" });
      expect(await empty.text()).toBe("ok ");
      const encoder = new TextEncoder();
      const chunked = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode("1234"));
          controller.enqueue(encoder.encode("5678"));
          controller.close();
        },
      });
      const streamedAnswer = await fetch(url, {
        method: "POST",
        body: chunked,
        duplex: "half",
      } as RequestInit);
      expect(await streamedAnswer.text()).toBe("ok 12345678");
    });
  });

  it("refuses a declared or a streamed body over the limit, and the client gets the answer", async () => {
    await withServer(async (url) => {
      const declared = await fetch(url, { method: "POST", body: "123456789" });
      expect([declared.status, await declared.text()]).toEqual([413, "payload_too_large"]);
      const encoder = new TextEncoder();
      let sent = 0;
      const endless = new ReadableStream<Uint8Array>({
        pull(controller) {
          sent++;
          if (sent > 200) controller.close();
          else controller.enqueue(encoder.encode("12345"));
        },
      });
      const streamedAnswer = await fetch(url, {
        method: "POST",
        body: endless,
        duplex: "half",
      } as RequestInit);
      expect([streamedAnswer.status, await streamedAnswer.text()]).toEqual([
        413,
        "payload_too_large",
      ]);
    });
  });
});
