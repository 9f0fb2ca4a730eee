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

export interface RevealedSecret {
  name: string;
  environment: "live" | "test";
  secret: string;
}

/**
 * The one place a key's secret is ever shown. The parent holds it in component state only and
 * drops it in `onClose`; nothing else (cache, URL, server HTML) ever sees it.
 */
export function SecretRevealDialog({
  revealed,
  onClose,
}: {
  revealed: RevealedSecret | null;
  onClose: () => void;
}) {
  return (
    <Dialog open={revealed !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        data-testid="secret-reveal"
        className="max-w-xl"
        onInteractOutside={(event) => event.preventDefault()}
      >
        <DialogHeader>
          <DialogTitle>
            Save your {revealed?.environment === "test" ? "sandbox" : "live"} key
          </DialogTitle>
          <DialogDescription>
            “{revealed?.name}” is ready. Copy the key now and keep it in a secrets manager or an
            environment variable.
          </DialogDescription>
        </DialogHeader>
        <OneTimeSecret
          secret={revealed?.secret}
          lostHint="We store only a hash; if you lose it, rotate the key to get a new one."
          copyLabel="Copy key"
          testId="revealed-secret"
        />
        <DialogFooter>
          <Button onClick={onClose}>I have saved it</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
