import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { readLimitedBody } from "./limited-body";

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
