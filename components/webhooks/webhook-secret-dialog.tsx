"use client";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { OneTimeSecret } from "@/components/ui/one-time-secret";

export interface RevealedWebhookSecret {
  url: string;
  secret: string;
  /** "created" right after adding the endpoint, "rotated" after a rotation. */
  reason: "created" | "rotated";
}

/**
 * The one place a webhook signing secret is shown (the same pattern as the API key reveal): the
 * parent holds it in component state only and drops it in `onClose`.
 */
export function WebhookSecretDialog({
  revealed,
  onClose,
}: {
  revealed: RevealedWebhookSecret;
  onClose: () => void;
}) {
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        data-testid="webhook-secret-reveal"
        className="max-w-xl"
        onInteractOutside={(event) => event.preventDefault()}
      >
        <DialogHeader>
          <DialogTitle>Save the signing secret</DialogTitle>
          <DialogDescription>
            {revealed.reason === "created" ? "Deliveries to " : "From now on, deliveries to "}
            <span className="break-all">{revealed.url}</span> are signed with this secret in the{" "}
            <code>Cloud-Signature</code> header and, per Standard Webhooks, in{" "}
            <code>webhook-signature</code> (any Standard Webhooks library verifies it with this
            secret). Verify either in your receiver.
          </DialogDescription>
        </DialogHeader>
        <OneTimeSecret
          secret={revealed.secret}
          lostHint="If you lose it, rotate the secret to get a new one."
          copyLabel="Copy secret"
          testId="revealed-webhook-secret"
        />
        <DialogFooter>
          <Button onClick={onClose}>I have saved it</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
