import { SDK_PACKAGE } from "@/sdk/version";
import { BASE_URL_TOKEN } from "./sample-code";
import type { DocSample } from "./samples";

// The Events guide's runnable stream sample. It resumes after a real event the doc tests make
// first (an instance's resource.created), so the instance's resource.active follows within
// seconds and the JavaScript and SDK tabs end after printing it.

/** The event id in the sample's code; the doc tests swap it for a real one. */
export const EXAMPLE_EVENT_ID = "evt_9Kx2Lq7WmT4cVb8N";

const streamPath = `/v1/events/stream?after=${EXAMPLE_EVENT_ID}`;

/** fetch + eventsource-parser, resuming by itself; a unit test keeps its shape honest. */
export const NODE_STREAM_SAMPLE = `import { createParser } from "eventsource-parser";

// Follows the stream; after a drop or the server's \`event: reconnect\` it connects again
// with Last-Event-ID, so the server replays what was missed, then goes on live.
async function follow(url, onEvent, signal) {
  let lastEventId;
  while (!signal.aborted) {
    const headers = { Authorization: \`Bearer \${process.env.CLOUD_API_KEY}\` };
    if (lastEventId) headers["Last-Event-ID"] = lastEventId;
    let response;
    try {
      response = await fetch(url, { headers, signal });
    } catch {
      if (signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, 3000)); // offline: try again
      continue;
    }
    if (response.status === 410) {
      const { oldest_available } = await response.json();
      throw new Error(\`Too far behind: resume from \${oldest_available} or list /v1/events\`);
    }
    if (!response.ok) throw new Error(\`HTTP \${response.status}: \${await response.text()}\`);
    const parser = createParser({
      onEvent(message) {
        if (message.id) lastEventId = message.id;
        if (message.event === "reconnect") return; // the server closes next; we resume
        onEvent(JSON.parse(message.data));
      },
    });
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body) parser.feed(decoder.decode(chunk, { stream: true }));
    } catch {
      if (signal.aborted) return; // otherwise the connection dropped: go round and resume
    }
  }
}

const stop = new AbortController();
await follow(
  "${BASE_URL_TOKEN}${streamPath}",
  (event) => {
    console.log(event.seq, event.type, event.object_id);
    stop.abort(); // this example ends after one event; a real consumer keeps going
  },
  stop.signal,
);`;

const SDK_STREAM_SAMPLE = `import { createClient } from "${SDK_PACKAGE}";

const cloud = createClient({ baseUrl: "${BASE_URL_TOKEN}" });
// The SDK reconnects with Last-Event-ID by itself, after drops and the 15-minute reconnect.
for await (const event of cloud.events.stream({ after: "${EXAMPLE_EVENT_ID}" })) {
  console.log(event.seq, event.type, event.object_id);
  break; // this example ends after one event
}`;

export const EVENT_SAMPLES: readonly DocSample[] = [
  {
    id: "stream-events",
    title: "Follow the stream from an event you have already seen",
    operation: "GET /v1/events/stream",
    request: { method: "GET", path: streamPath, stream: true },
    javascript: NODE_STREAM_SAMPLE,
    sdk: SDK_STREAM_SAMPLE,
    // No `cloud events tail` command yet.
    cli: null,
    expect: { status: 200, headers: ["X-Request-Id"] },
    fixtures: { [EXAMPLE_EVENT_ID]: "event" },
  },
];
