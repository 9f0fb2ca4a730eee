import { Badge } from "@/components/ui/badge";
import type { WebhookEndpoint } from "./use-webhooks";

const REASONS: Record<NonNullable<WebhookEndpoint["disabled_reason"]>, string> = {
  disabled_by_user: "by a member",
  consecutive_failures: "after repeated failures",
};

/** enabled / disabled, and why it was disabled (the word is kept: colour is not the only signal). */
export function WebhookStatus({ endpoint }: { endpoint: WebhookEndpoint }) {
  if (endpoint.status === "enabled") {
    return (
      <Badge variant="success" data-testid="webhook-status">
        enabled
      </Badge>
    );
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <Badge
        variant={endpoint.disabled_reason === "consecutive_failures" ? "destructive" : "secondary"}
        data-testid="webhook-status"
      >
        disabled
      </Badge>
      {endpoint.disabled_reason ? (
        <span className="text-muted-foreground text-xs">{REASONS[endpoint.disabled_reason]}</span>
      ) : null}
    </span>
  );
}
