import { type ApiEvent, generateWebhookSecret, webhookSignatureHeaders } from "@/sdk";
import { UsageError } from "../errors";
import { commaList, eventFeed, FEED_OPTIONS, wantsJsonLines } from "../event-feed";
import { stringOption } from "../options";
import type { CommandSpec } from "../spec";
import { CLI_VERSION } from "../version";
import { JSON_LINES_OPTION } from "./events";
import { when } from "./views";

/** How long the local receiver has to answer one delivery. */
const DELIVERY_TIMEOUT_MS = 10_000;

interface Delivery {
  event_id: string;
  type: string;
  status: number | null;
  duration_ms: number;
  error: string | null;
}

function forwardUrl(text: string | undefined): URL {
  let url: URL | undefined;
  try {
    url = text ? new URL(text) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new UsageError("--forward-to takes an http(s) URL, e.g. http://localhost:4242/webhooks");
  }
  return url;
}

/** POSTs one event as a webhook delivery would send it: the same body and signature headers. */
async function forward(url: URL, secret: string, event: ApiEvent): Promise<Delivery> {
  const body = JSON.stringify(event);
  const started = Date.now();
  const result: Delivery = {
    event_id: event.id,
    type: event.type,
    status: null,
    duration_ms: 0,
    error: null,
  };
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": `cloud-cli/${CLI_VERSION} (listen)`,
        "Cloud-Event-Type": event.type,
        ...(await webhookSignatureHeaders(secret, event.id, body)),
      },
      body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    result.status = response.status;
    // The receiver's answer is not shown; reading it frees the connection.
    await response.arrayBuffer().catch(() => {});
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    result.error = cause instanceof Error ? cause.message : String(cause);
  }
  result.duration_ms = Date.now() - started;
  return result;
}

function deliveryLine(event: ApiEvent, delivery: Delivery, url: URL): string {
  const outcome =
    delivery.status !== null ? `[${delivery.status}]` : `[failed: ${delivery.error ?? "?"}]`;
  return `${when(event.created_at)}  ${event.type.padEnd(28)} ${event.id}  --> ${outcome} POST ${url.href} (${delivery.duration_ms} ms)\n`;
}

export const listenCommands: CommandSpec[] = [
  {
    path: ["listen"],
    summary: "Forward live events to a local URL as signed webhooks",
    description:
      "Streams events and POSTs each one to --forward-to with the Standard Webhooks headers (webhook-id, webhook-timestamp, webhook-signature), signed with --secret (or CLOUD_WEBHOOK_SECRET) or a secret made for this session and printed at start. One line per delivery; after a drop it resumes after the last event; after 5 failed reconnects in a row it exits 1.",
    options: [
      {
        flags: "--forward-to <url>",
        description: "Where each event is POSTed: http://localhost:4242/webhooks",
        required: true,
      },
      {
        flags: "--events <types>",
        description: "Event types or families, comma-separated (default every event)",
      },
      {
        flags: "--secret <whsec>",
        description:
          "The signing secret (an endpoint's whsec_..., or CLOUD_WEBHOOK_SECRET); default one for this session",
      },
      ...FEED_OPTIONS,
      JSON_LINES_OPTION,
    ],
    examples: [
      "cloud listen --forward-to http://localhost:4242/webhooks",
      "cloud listen --forward-to http://localhost:3000/api/hooks --events 'resource.*,deployment.*'",
      "CLOUD_WEBHOOK_SECRET=whsec_... cloud listen --forward-to http://localhost:4242/webhooks --json",
    ],
    async run(ctx, input) {
      const url = forwardUrl(stringOption(input, "--forward-to <url>"));
      const given = stringOption(input, "--secret <whsec>") ?? ctx.io.env.CLOUD_WEBHOOK_SECRET;
      if (given !== undefined && !given.startsWith("whsec_")) {
        throw new UsageError("--secret takes a signing secret that starts with whsec_");
      }
      const secret = given ?? generateWebhookSecret();
      const json = wantsJsonLines(ctx, input);
      ctx.io.stderr.write(
        `${given ? "Signing with the given secret" : `Your webhook signing secret for this session is ${secret}`}\nForwarding events to ${url.href}\n`,
      );
      const feed = eventFeed(ctx, input, { types: commaList(input, "--events <types>") });
      for await (const event of feed) {
        const delivery = await forward(url, secret, event);
        ctx.io.stdout.write(
          json ? `${JSON.stringify(delivery)}\n` : deliveryLine(event, delivery, url),
        );
      }
    },
  },
];
