import { AppError } from "@/lib/errors";
import { normaliseEnabledEvents } from "@/lib/events/event-match";
import { checkWebhookUrl, type UrlRules } from "./url-policy";

/** The URL as stored, or a 422 naming `url`. */
export function acceptedUrl(raw: string, rules: UrlRules): string {
  const checked = checkWebhookUrl(raw.trim(), rules);
  if ("error" in checked) {
    throw new AppError("validation_failed", checked.error.message, { errors: [checked.error] });
  }
  return checked.url;
}

export function acceptedEvents(events: readonly string[] | undefined): string[] {
  return normaliseEnabledEvents(events ?? ["*"]);
}
