import {
  MAX_ENABLED_EVENTS,
  WEBHOOK_EVENT_CHOICES,
  WEBHOOK_TEST_EVENT,
} from "@/lib/schemas/webhooks";
import { DELIVERY_TIMEOUT_MS, EXCERPT_LENGTH } from "@/lib/webhooks/delivery-limits";
import {
  DISABLE_AFTER_CONSECUTIVE_FAILURES,
  MAX_AUTOMATIC_ATTEMPTS,
  RETRY_OFFSETS_MS,
} from "@/lib/webhooks/retry-schedule";
import { EVENT_ID_HEADER, SIGNATURE_HEADER } from "@/lib/webhooks/signature";
import type { Block, DocPage } from "../content-types";
import { type ContentContext, opLink } from "./context";

/** "1 minute", "2 hours", "24 hours": the schedule in words, from the constants the code uses. */
export function delayText(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = minutes / 60;
  return `${hours} hour${hours === 1 ? "" : "s"}`;
}

/** "1 minute, 5 minutes, 30 minutes, 2 hours and 24 hours". */
export function retryScheduleText(): string {
  const words = RETRY_OFFSETS_MS.map(delayText);
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

/** The receiver's check, as the guide shows it (a unit test runs this exact text). */
export const VERIFY_SAMPLE = `import { createHmac, timingSafeEqual } from "node:crypto";

// rawBody: the request body exactly as received (before any JSON parsing);
// header: the ${SIGNATURE_HEADER} header; secret: the endpoint's whsec_... secret.
export function verifyWebhook(rawBody, header, secret, toleranceSeconds = 300) {
  const parts = header.split(",").map((part) => part.trim().split("="));
  const timestamp = Number(parts.find(([name]) => name === "t")?.[1]);
  const signatures = parts.filter(([name]) => name === "v1").map(([, value]) => value);
  if (!Number.isInteger(timestamp) || signatures.length === 0) return false;
  // Refuse old (replayed) deliveries.
  if (Math.abs(Date.now() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = createHmac("sha256", secret)
    .update(\`\${timestamp}.\${rawBody}\`)
    .digest();
  return signatures.some((signature) => {
    const given = Buffer.from(signature, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}`;

const RECEIVER_SAMPLE = `import { createServer } from "node:http";
import { verifyWebhook } from "./verify-webhook.js";

const handled = new Set(); // keep event ids in your database in production

createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const rawBody = Buffer.concat(chunks).toString("utf8");
    const header = req.headers["cloud-signature"] ?? "";
    if (!verifyWebhook(rawBody, header, process.env.WEBHOOK_SECRET)) {
      res.writeHead(400).end("invalid signature");
      return;
    }
    const event = JSON.parse(rawBody);
    res.writeHead(204).end(); // answer at once, work afterwards
    if (handled.has(event.id)) return; // a redelivery of an event already handled
    handled.add(event.id);
    console.log("received", event.type, event.data.id ?? "");
  });
}).listen(8080);`;

const PAYLOAD_SAMPLE = `{
  "id": "evt_9Kx2Lq7WmT4cVb8N",
  "type": "resource.active",
  "created_at": "2026-04-18T09:14:02.000Z",
  "data": {
    "id": "res_Tn49WpXc2LmQ8vRb",
    "type": "instance",
    "name": "Analytics Pipeline",
    "status": "active",
    "region": "eu-west-1",
    "...": "the rest of the resource, as GET /v1/resources/{id} shows it"
  }
}`;

const HEADERS_SAMPLE = `POST /webhooks/cloud HTTP/1.1
Content-Type: application/json
User-Agent: CloudAPI-Webhooks/1.0
${EVENT_ID_HEADER}: evt_9Kx2Lq7WmT4cVb8N
Cloud-Event-Type: resource.active
Cloud-Delivery-Id: wd_3Jt7Wq2XkR9mVb4L
Cloud-Delivery-Attempt: 1
${SIGNATURE_HEADER}: t=1776503642,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd`;

export function webhooksPage(ctx: ContentContext): DocPage {
  const seconds = DELIVERY_TIMEOUT_MS / 1000;
  const retries = RETRY_OFFSETS_MS.length;
  return {
    slug: "webhooks",
    title: "Webhooks",
    description:
      "Have events POSTed to your HTTPS endpoint as they happen: the payload, how to verify the signature, and how failed deliveries are retried.",
    group: "Concepts",
    sections: [
      {
        id: "overview",
        title: "How webhooks work",
        blocks: [
          {
            kind: "p",
            text: `Everything that happens in a project is recorded as an event (the same events ${opLink(ctx, "GET /v1/events")} lists). Register an endpoint, a URL of yours, and each new event it subscribes to is sent there as an HTTP \`POST\` with a JSON body, signed so you can tell it came from us.`,
          },
          { kind: "sample", id: "create-webhook-endpoint" },
          {
            kind: "p",
            text: `The answer holds the endpoint's signing \`secret\` (\`whsec_...\`). It is shown **once**, here and when you rotate it: store it with your receiver. Endpoints belong to a project and an environment, like keys: a sandbox endpoint (made with a \`sk_test_\` key, or in the dashboard's Sandbox) receives sandbox events only, a live endpoint live events only.`,
          },
          {
            kind: "list",
            items: [
              `\`enabled_events\` chooses what is sent: \`["*"]\` (the default) for everything, exact types such as \`resource.active\`, or families such as \`resource.*\`, up to ${MAX_ENABLED_EVENTS} entries.`,
              `\`url\` must use \`https\` and point to a public address. Private, loopback and link-local addresses are refused when you save the URL and again each time a delivery connects, so a name that later resolves to an internal address is not reached. A user name or password in the URL is refused: verify the signature instead.`,
              "In the dashboard, **Webhooks** lists your endpoints, shows each delivery and its answer, and can send a test event, retry a delivery, re-enable or delete an endpoint.",
            ],
          },
        ],
      },
      {
        id: "events",
        title: "The event payload",
        blocks: [
          {
            kind: "p",
            text: "Every delivery is a `POST` with `Content-Type: application/json` and this body: the event's `id`, its `type`, when it happened (`created_at`), and `data`, the object as it was right after the change.",
          },
          { kind: "code", lang: "json", code: PAYLOAD_SAMPLE, title: "A delivery's body" },
          { kind: "code", lang: "http", code: HEADERS_SAMPLE, title: "A delivery's headers" },
          {
            kind: "table",
            caption: "Event families",
            head: ["Filter", "What", "Types"],
            rows: WEBHOOK_EVENT_CHOICES.map((choice) => [
              `\`${choice.value}\``,
              choice.label,
              choice.hint,
            ]),
          },
          ...eventLogBlocks(ctx),
          {
            kind: "p",
            text: `\`${EVENT_ID_HEADER}\` is the event's id: it is the same on every attempt of a delivery, so use it to recognise a redelivery. A \`${WEBHOOK_TEST_EVENT}\` event is only ever sent by ${opLink(ctx, "POST /v1/webhook-endpoints/{id}/test")}.`,
          },
        ],
      },
      {
        id: "verifying",
        title: "Verifying signatures",
        blocks: [
          {
            kind: "p",
            text: `Each delivery carries \`${SIGNATURE_HEADER}: t=<timestamp>,v1=<signature>\`: \`t\` is when the attempt was signed (Unix seconds) and \`v1\` the hex HMAC-SHA256 of the text \`<t>.<raw body>\`, keyed with the whole secret (\`whsec_\` included). To verify, compute the same HMAC over the body exactly as received, compare it to \`v1\` in constant time, and refuse timestamps more than a few minutes away from now so a captured delivery cannot be replayed later.`,
          },
          {
            kind: "code",
            lang: "javascript",
            code: VERIFY_SAMPLE,
            title: "verify-webhook.js (Node.js)",
          },
          {
            kind: "code",
            lang: "javascript",
            code: RECEIVER_SAMPLE,
            title: "A minimal receiver (Node.js)",
          },
          {
            kind: "note",
            tone: "warning",
            text: "Verify the raw bytes. Parsing the JSON and serialising it again changes spacing and key order, and the signature no longer matches.",
          },
          { kind: "sample", id: "rotate-webhook-secret" },
          {
            kind: "p",
            text: "Rotating issues a new secret that signs from the next attempt on, retries of earlier events included. By default the old one stops at once; send `expires_in` (`1h`, `24h` or `7d`) and it keeps signing beside the new one until `previous_secret_expires_at`: each delivery then carries two signatures in each header, so a receiver holding either secret verifies while you deploy the new one. A rotation during an overlap drops the older secret: at most two ever sign.",
          },
          {
            kind: "p",
            text: "Every delivery is also signed per Standard Webhooks, so any library for that scheme (for example the `standardwebhooks` npm package) verifies it unchanged with the same `whsec_` secret: `webhook-id` is the event id (the same on every attempt), `webhook-timestamp` the attempt's Unix seconds, and `webhook-signature` holds `v1,<base64 HMAC-SHA256 of \"<id>.<timestamp>.<raw body>\">`, one space-separated entry per signing secret. The HMAC key is the base64-decoded part after `whsec_` (our secrets' letters and digits are valid base64); `Cloud-Signature` keys its HMAC with the whole secret instead. Verify either header, not necessarily both.",
          },
        ],
      },
      {
        id: "responding",
        title: "Answering a delivery",
        blocks: [
          {
            kind: "list",
            items: [
              `Answer with any \`2xx\` within ${seconds} seconds: that is a success. Any other status, a redirect (redirects are not followed), a connection error or no answer in time is a failure.`,
              "Answer first, work afterwards: queue the event and return `2xx` at once, so slow work never turns into a timeout and a retry.",
              `Expect the same event more than once, and events out of order. Deliveries are at least once: if an answer is lost we send again. Dedupe by \`${EVENT_ID_HEADER}\` (the body's \`id\`). Every event body also carries \`seq\`, its position in the project and environment's event log: numbers grow in the order the changes committed, so a receiver can put deliveries back in order by comparing \`seq\` (an endpoint that takes only some event types sees gaps where the others were).`,
              `The first ${EXCERPT_LENGTH} characters of your answer's body are kept with the delivery, to help you debug from the dashboard; do not put secrets in it.`,
            ],
          },
        ],
      },
      {
        id: "retries",
        title: "Retries and disabling",
        blocks: [
          {
            kind: "p",
            text: `The first attempt is made as soon as the event happens. If it fails, the delivery is retried with exponential back-off: ${retryScheduleText()} after the first attempt, ${retries} retries in all.`,
          },
          {
            kind: "table",
            caption: "When each attempt is made",
            head: ["Attempt", "When"],
            rows: [
              ["1 (first)", "At once"],
              ...RETRY_OFFSETS_MS.map((offset, index) => [
                `${index + 2} (retry ${index + 1})`,
                `${delayText(offset)} after the first attempt`,
              ]),
            ],
          },
          {
            kind: "list",
            items: [
              `A delivery that succeeds stops there. When the fifth retry fails too (${MAX_AUTOMATIC_ATTEMPTS} attempts, the last about 24 hours after the first), the delivery is marked \`failed\`.`,
              `At that point the endpoint is **disabled** automatically if its last ${DISABLE_AFTER_CONSECUTIVE_FAILURES} attempts or more all failed (five consecutive failures; a success to the endpoint resets the count, which the endpoint shows as \`consecutive_failures\`), with \`disabled_reason: "consecutive_failures"\`. The organization's owners and admins receive an e-mail saying so.`,
              "A disabled endpoint receives nothing: events that happen meanwhile are not queued for it, and retries still scheduled for it are not sent (each is marked failed when it comes due).",
              `You can **re-enable** it at any time, from the dashboard (Webhooks, then the endpoint, then **Re-enable**) or with ${opLink(ctx, "POST /v1/webhook-endpoints/{id}/enable")}. Its failure count starts again at zero. Failed deliveries stay failed; retry the ones you still need.`,
            ],
          },
          { kind: "sample", id: "enable-webhook-endpoint" },
        ],
      },
      {
        id: "testing",
        title: "Testing and debugging",
        blocks: [
          {
            kind: "p",
            text: `Send a \`${WEBHOOK_TEST_EVENT}\` event to one endpoint to check your receiver. It is a single attempt without retries, and it is sent even to a disabled endpoint, so you can check a fix before re-enabling.`,
          },
          { kind: "sample", id: "send-test-webhook" },
          {
            kind: "p",
            text: `Each endpoint keeps its deliveries: the event, the status (\`pending\`, \`succeeded\` or \`failed\`), the attempts made, when the next one is due, and the last answer's status, latency and first characters. ${opLink(ctx, "POST /v1/webhook-endpoints/{id}/deliveries/{delivery_id}/retry")} sends a settled delivery once more, with the same event id and body.`,
          },
          { kind: "sample", id: "list-webhook-deliveries" },
          {
            kind: "p",
            text: "To work on a receiver that runs on your machine (which the API cannot reach), let the [Command-line tool](/docs/cli) bring the events to it: `cloud listen --forward-to` reads the event stream and POSTs every event to your local URL with the same body and the same three Standard Webhooks headers a real delivery has. It signs with the secret you pass in `--secret` (or `CLOUD_WEBHOOK_SECRET`), so the code that checks production deliveries runs unchanged; without one it makes a secret for the session and prints it first. It prints a line per delivery with your receiver's status, picks up after the last event when the connection drops, and exits with code 1 after five failed reconnects in a row.",
          },
          {
            kind: "code",
            lang: "shellscript",
            title: "Forward live events to a local receiver",
            code: [
              "cloud listen --forward-to http://localhost:4242/webhooks --events 'resource.*'",
              "CLOUD_WEBHOOK_SECRET=whsec_... cloud listen --forward-to http://localhost:4242/webhooks",
            ].join("\n"),
          },
        ],
      },
    ],
  };
}

/** How to read the log a delivery comes from: its filters, one event, the catalogue of types. */
function eventLogBlocks(ctx: ContentContext): Block[] {
  if (!ctx.has("GET /v1/events")) return [];
  const types = ctx.has("GET /v1/event-types")
    ? ` ${opLink(ctx, "GET /v1/event-types")} lists every type with a one-line description and an example of its \`data\`.`
    : "";
  const one = ctx.has("GET /v1/events/{id}")
    ? ` ${opLink(ctx, "GET /v1/events/{id}")} reads one event again by its id.`
    : "";
  return [
    {
      kind: "p",
      text: `The same events can be read from the log with ${opLink(ctx, "GET /v1/events")}, newest first and paginated like any list. Filter with \`type\` (a comma list of exact types and families, \`resource.created,api_key.*\`), \`object_id\` (one object's timeline) and \`created_gte\`/\`created_lte\` (ISO 8601, inclusive). To catch up after a pause, pass \`after=<event id>\`: the answer holds only the events committed after that one, oldest first by \`seq\`; continue with the last id of each page until \`has_more\` is false. Events are kept for 30 days by default; an \`after\` that has left the log answers \`410 cursor_expired\` with \`oldest_available\`, the oldest id you can resume from.${one}${types}`,
    },
  ];
}
