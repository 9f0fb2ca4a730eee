"use client";

import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { TriangleAlert } from "@/components/ui/icons/triangle-alert";

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
            <code>Cloud-Signature</code> header. Verify it in your receiver.
          </DialogDescription>
        </DialogHeader>
        <div
          role="note"
          className="flex gap-2 rounded-md border border-warning/40 bg-warning-muted px-3 py-2 text-sm text-warning-muted-foreground"
        >
          <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          <p>
            <strong className="font-semibold">You will not see it again.</strong> If you lose it,
            rotate the secret to get a new one.
          </p>
        </div>
        <div className="flex items-center gap-2">
          <code
            data-testid="revealed-webhook-secret"
            className="min-w-0 flex-1 select-all break-all rounded-md border bg-muted px-3 py-2 font-mono text-[13px]"
          >
            {revealed.secret}
          </code>
          <CopyButton value={revealed.secret} label="Copy secret" />
        </div>
        <DialogFooter>
          <Button onClick={onClose}>I have saved it</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
