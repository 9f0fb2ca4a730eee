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
        <div
          role="note"
          className="flex gap-2 rounded-md border border-warning/40 bg-warning-muted px-3 py-2 text-sm text-warning-muted-foreground"
        >
          <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          <p>
            <strong className="font-semibold">You will not see it again.</strong> We store only a
            hash; if you lose it, rotate the key to get a new one.
          </p>
        </div>
        <div className="flex items-center gap-2">
          <code
            data-testid="revealed-secret"
            className="min-w-0 flex-1 select-all break-all rounded-md border bg-muted px-3 py-2 font-mono text-[13px]"
          >
            {revealed?.secret}
          </code>
          {revealed ? <CopyButton value={revealed.secret} label="Copy key" /> : null}
        </div>
        <DialogFooter>
          <Button onClick={onClose}>I have saved it</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
