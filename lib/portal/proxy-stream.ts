/**
 * The API's stream body, handed on chunk by chunk (no read-ahead: highWaterMark 0) until the
 * browser leaves. Cancelling it on `signal` matters for the in-process API: there the stream
 * only learns that nobody listens any more when its reader cancels, and each open stream holds
 * one of the member's stream slots and a subscription.
 */
export function passThroughUntil(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const stop = () => {
    reader.cancel().catch(() => undefined);
  };
  if (signal.aborted) stop();
  else signal.addEventListener("abort", stop, { once: true });
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const chunk = await reader.read();
          if (chunk.done) {
            signal.removeEventListener("abort", stop);
            controller.close();
          } else {
            controller.enqueue(chunk.value);
          }
        } catch (error) {
          signal.removeEventListener("abort", stop);
          controller.error(error);
        }
      },
      cancel(reason) {
        signal.removeEventListener("abort", stop);
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** Headers an event stream keeps past the portal: no caching, no compression, no buffering. */
export function withStreamHeaders(headers: Headers): Headers {
  headers.set("cache-control", "no-cache, no-transform");
  headers.set("x-accel-buffering", "no");
  headers.delete("content-encoding");
  return headers;
}
