import { MAX_STREAMS_PER_KEY, STREAM_TIMINGS } from "@/lib/events/stream/event-stream";
import type { Block, DocPage } from "../content-types";
import { type ContentContext, opLink, schemaFieldTable } from "./context";

const seconds = (ms: number) => `${ms / 1000} seconds`;
const minutes = (ms: number) => `${ms / 60_000} minutes`;

const EVENT_EXAMPLE = {
  id: "evt_9Kx2Lq7WmT4cVb8N",
  seq: 42,
  type: "resource.active",
  created_at: "2026-05-04T10:00:02.000Z",
  object: { type: "resource", id: "res_Tn49WpXc2LmQ8vRb" },
  object_id: "res_Tn49WpXc2LmQ8vRb",
  data: {
    id: "res_Tn49WpXc2LmQ8vRb",
    type: "instance",
    name: "Analytics Pipeline",
    status: "active",
    region: "eu-west-1",
    "...": "...",
  },
  request_id: null,
  actor: { type: "system", id: null },
};

const FRAMES = `retry: 3000

id: evt_9Kx2Lq7WmT4cVb8N
event: resource.active
data: {"id":"evt_9Kx2Lq7WmT4cVb8N","seq":42,"type":"resource.active",...}

: ping

event: reconnect
data: {}`;

const BROWSER_SAMPLE = `// A page cannot put an API key in an EventSource (it sends no Authorization header,
// and a key in a page is a leaked key). Open it on a route of your own server that
// checks your user's session, adds the key and passes the stream through unchanged.
const source = new EventSource("/my-backend/events");

function show(message) {
  const event = JSON.parse(message.data);
  console.log(event.seq, event.type, event.object_id);
}
// Each frame is named after its event type: listen for the types you want.
for (const type of ["resource.created", "resource.active", "resource.deleted"]) {
  source.addEventListener(type, show);
}
// After a dropped connection, and after the server's 15-minute "reconnect", the browser
// connects again by itself and sends Last-Event-ID: the server replays what you missed.
source.addEventListener("reconnect", () => console.log("resuming"));
source.onerror = () => console.log("connection lost; the browser retries");`;

function envelopeBlocks(ctx: ContentContext): Block[] {
  const table = schemaFieldTable(ctx, "Event", "The fields of an event");
  return [
    {
      kind: "p",
      text: "An event is the same object everywhere: in a list, on the stream and in a webhook delivery. `data` is the object as it was right after the change; on updates `previous` holds the fields that changed, as they were before. `request_id` names the API request that caused the change (you can look it up in the request log), and is null when a background job made it, such as provisioning finishing. `actor` says who: a member of your team (`user`), an API key (`api_key`) or the platform itself (`system`).",
    },
    {
      kind: "code",
      lang: "json",
      title: "An event",
      code: JSON.stringify(EVENT_EXAMPLE, null, 2),
    },
    ...table,
  ];
}

export function eventsPage(ctx: ContentContext): DocPage {
  const types = ctx.has("GET /v1/event-types")
    ? ` ${opLink(ctx, "GET /v1/event-types")} lists every type with a one-line description and an example.`
    : "";
  return {
    slug: "events",
    title: "Events",
    description:
      "Every change in a project is an event: list them, follow them live over server-sent events and resume after a drop without losing or repeating one.",
    group: "Concepts",
    sections: [
      {
        id: "overview",
        title: "Three ways to read events",
        blocks: [
          {
            kind: "list",
            items: [
              `${opLink(ctx, "GET /v1/events")}: the log, newest first and paginated like any list, or oldest first after a given event with \`after\`.`,
              `${opLink(ctx, "GET /v1/events/stream")}: the same events pushed to you as they happen, over one long-lived HTTP response (\`text/event-stream\`).`,
              "[Webhooks](/docs/webhooks): the same events POSTed to a URL of yours, signed.",
            ],
          },
          {
            kind: "p",
            text: `All three need a key with the \`events:read\` scope (webhook endpoints are managed with \`webhooks:write\`). Filter with \`type\` (exact types and families, \`resource.created,api_key.*\`) and \`object_id\` (one object's history).${types} Sandbox and live keep separate logs: a \`sk_test_\` key only ever sees Sandbox events.`,
          },
        ],
      },
      { id: "envelope", title: "The event object", blocks: envelopeBlocks(ctx) },
      {
        id: "ordering",
        title: "Order and seq",
        blocks: [
          {
            kind: "p",
            text: "Each event carries a `seq`: its position in the log of its project and environment, 1, 2, 3 and so on, given when the change is committed. Numbers are never skipped or reused, and an event with a higher `seq` was committed after one with a lower number. The stream and `after` deliver events in `seq` order, so you can apply them in the order they happened.",
          },
          {
            kind: "p",
            text: "With a filter, you see a subsequence: `seq` then jumps over the events the filter left out. Without a filter, a jump would mean a missed event, which the stream does not allow. Store the last `id` (or `seq`) you processed, and process an event at most once by its `id`: after a reconnect you never get a duplicate from the stream, but a webhook delivery can be retried.",
          },
        ],
      },
      {
        id: "stream",
        title: "The stream",
        blocks: [
          {
            kind: "p",
            text: `Connect with a \`GET\` and keep the response open. Each event arrives as a frame of three lines, \`id\` (the event's id), \`event\` (its type) and \`data\` (the whole event as one line of JSON), followed by a blank line. The first frame is \`retry: 3000\`, which asks clients to wait 3 seconds before reconnecting. A \`: ping\` comment comes every ${seconds(STREAM_TIMINGS.heartbeatMs)} so idle connections stay open and you can tell a quiet stream from a dead one. After ${minutes(STREAM_TIMINGS.maxDurationMs)} the server sends \`event: reconnect\` and closes, so connections spread over instances again: reconnect at once with the last id.`,
          },
          { kind: "code", lang: "text", title: "What a stream looks like", code: FRAMES },
          {
            kind: "p",
            text: "The answer carries `Cache-Control: no-cache, no-transform` and `X-Accel-Buffering: no`, and is never compressed, so proxies pass each frame on at once. If a proxy of yours still buffers, turn buffering off for this path. Anything wrong with the request (the key, the scope, a filter, an old cursor) is answered before the stream starts, as a normal JSON problem with its status.",
          },
          {
            kind: "p",
            text: "With curl, `-N` turns off curl's own buffering so frames print as they arrive; the example stops after 10 seconds.",
          },
          { kind: "sample", id: "stream-events" },
        ],
      },
      {
        id: "resuming",
        title: "Resuming without gaps",
        blocks: [
          {
            kind: "p",
            text: "To pick up where you left off, send the id of the last event you processed in the `Last-Event-ID` header (browsers' `EventSource` does this by itself when it reconnects) or as `?after=evt_...`; the header wins when both are given. The server first replays, from the log, every event committed after that one, in order, then switches to live events. Events committed while it switches are neither lost nor sent twice: the log decides what comes next, not the moment you connected.",
          },
          {
            kind: "p",
            text: `A cursor older than the retention (or an id that never existed) is answered \`410 cursor_expired\`, before any stream byte, with \`oldest_available\`: the oldest event id still in the log. You have missed events at that point; reconcile your state by reading the objects themselves, then resume from \`oldest_available\` or from now. The list takes the same cursor: ${opLink(ctx, "GET /v1/events")} with \`after\` pages through what you missed, oldest first.`,
          },
        ],
      },
      {
        id: "retention",
        title: "Retention",
        blocks: [
          {
            kind: "p",
            text: "Events are kept for 30 days by default; the operator of a deployment sets this with `EVENT_RETENTION_DAYS`. Older events are deleted by a background job, after which they can no longer be listed, replayed or resumed from. To keep them longer, store them as they arrive (from the stream or a webhook).",
          },
        ],
      },
      {
        id: "limits",
        title: "Limits",
        blocks: [
          {
            kind: "list",
            items: [
              `At most ${MAX_STREAMS_PER_KEY} streams may be open at once per key. One more is refused with \`429 rate_limited\` and \`Retry-After\`; close one first. Opening a stream counts once against your rate limit; the events on it do not count.`,
              `A stream lasts at most ${minutes(STREAM_TIMINGS.maxDurationMs)}, then ends with \`event: reconnect\`.`,
              `A \`: ping\` comes every ${seconds(STREAM_TIMINGS.heartbeatMs)}. Treat about three missed pings as a dropped connection and reconnect with the last id.`,
              "When the key is revoked, or reaches its expiry, its streams end within a second. Reconnecting then answers `401`.",
            ],
          },
        ],
      },
      {
        id: "node",
        title: "In Node.js",
        blocks: [
          {
            kind: "p",
            text: "The JavaScript tab of the sample above follows the stream with `fetch` and the [`eventsource-parser`](https://www.npmjs.com/package/eventsource-parser) package (`npm install eventsource-parser`): it keeps the last id, reconnects after a drop or a `reconnect` with `Last-Event-ID`, and stops on `410`. The SDK tab does the same with `client.events.stream()`, which handles reconnects, `Retry-After` and silent connections for you.",
          },
        ],
      },
      {
        id: "browser",
        title: "In the browser",
        blocks: [
          {
            kind: "p",
            text: "`EventSource` reconnects and resumes on its own, but it cannot send an `Authorization` header, and an API key must never reach a page. Give your page a route on your own server that checks the user's session and relays the stream: it calls the API with the key, passes the browser's `Last-Event-ID` on, copies the frames through as they arrive without buffering or compressing them, and closes the API connection when the browser goes away.",
          },
          {
            kind: "code",
            lang: "javascript",
            title: "In the page",
            code: BROWSER_SAMPLE,
          },
          {
            kind: "note",
            tone: "info",
            text: "The dashboard's **Events** page is built this way: it follows the stream through the portal's own server, catches up from the last event it showed after a network drop, and can pause while you read.",
          },
        ],
      },
    ],
  };
}
