import { expect } from "vitest";
import type { EventDto } from "@/lib/schemas/events";

export interface Frame {
  id?: string;
  event?: string;
  data?: string;
  retry?: string;
  comment?: string;
}

/** Reads server-sent-event frames off a response body. */
export class FrameReader {
  private buffer = "";
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  /** A read still under way when next() timed out: its chunk belongs to the next call. */
  private pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  ended = false;
  constructor(res: Response) {
    if (!res.body) throw new Error("no body");
    this.reader = res.body.getReader();
  }
  async next(timeoutMs = 3000): Promise<Frame | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.buffer.indexOf("\n\n");
      if (end !== -1) {
        const raw = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const frame: Frame = {};
        for (const line of raw.split("\n")) {
          if (line.startsWith(":")) frame.comment = line.slice(1).trim();
          const colon = line.indexOf(": ");
          if (colon > 0)
            (frame as Record<string, string>)[line.slice(0, colon)] = line.slice(colon + 2);
        }
        return frame;
      }
      const left = deadline - Date.now();
      if (left <= 0) return null;
      let timer: ReturnType<typeof setTimeout> | undefined;
      this.pending ??= this.reader.read();
      const chunk = await Promise.race([
        this.pending,
        new Promise<"timeout">((resolve) => {
          timer = setTimeout(() => resolve("timeout"), left);
        }),
      ]);
      clearTimeout(timer);
      if (chunk === "timeout") return null;
      this.pending = null;
      if (chunk.done) {
        this.ended = true;
        return null;
      }
      this.buffer += this.decoder.decode(chunk.value, { stream: true });
    }
  }
  /** The next `n` event frames (pings skipped). */
  async events(n: number): Promise<EventDto[]> {
    const out: EventDto[] = [];
    while (out.length < n) {
      const frame = await this.next();
      if (!frame) throw new Error(`stream gave ${out.length} of ${n} events`);
      if (frame.data && frame.event !== "reconnect") {
        const event = JSON.parse(frame.data) as EventDto;
        expect(frame.id).toBe(event.id);
        expect(frame.event).toBe(event.type);
        out.push(event);
      }
    }
    return out;
  }
  close(): Promise<void> {
    return this.reader.cancel();
  }
}
