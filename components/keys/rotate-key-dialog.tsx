"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { InlineAlert } from "@/components/ui/inline-alert";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { formatDateTime, formatRelative } from "@/lib/portal/format";
import { messageOf } from "@/lib/portal/proxy-client";
import type { RotationExpiry } from "@/lib/schemas/api-keys";
import type { RevealedSecret } from "./secret-reveal-dialog";
import { type ApiKey, useRotateApiKey } from "./use-api-keys";

const CHOICES: Array<{ value: RotationExpiry; label: string; hint: string }> = [
  { value: "now", label: "Now", hint: "The old key stops working at once" },
  { value: "1h", label: "In 1 hour", hint: "Time to deploy the new key" },
  { value: "24h", label: "In 24 hours", hint: "For a slower roll-out" },
  { value: "7d", label: "In 7 days", hint: "For many services" },
];

function ExpiryChoice({ value, label, hint }: (typeof CHOICES)[number]) {
  const id = useId();
  return (
    <div className="flex items-start gap-2">
      <RadioGroupItem id={id} value={value} className="mt-0.5" />
      <Label htmlFor={id} className="grid gap-0.5 font-normal">
        <span className="font-medium">{label}</span>
        <span className="text-muted-foreground text-xs">{hint}</span>
      </Label>
    </div>
  );
}

/** Roll a key: a new secret with the same name and scopes; the old one expires when chosen. */
export function RotateKeyDialog({
  apiKey,
  onOpenChange,
  onRotated,
}: {
  apiKey: ApiKey | null;
  onOpenChange: (open: boolean) => void;
  onRotated: (revealed: RevealedSecret) => void;
}) {
  const rotate = useRotateApiKey();
  const [expiresIn, setExpiresIn] = useState<RotationExpiry>("now");
  const [failure, setFailure] = useState<string | null>(null);

  const confirm = async () => {
    if (!apiKey) return;
    setFailure(null);
    try {
      const created = await rotate.mutateAsync({ id: apiKey.id, expiresIn });
      rotate.reset();
      setExpiresIn("now");
      onRotated({ name: created.name, environment: created.environment, secret: created.secret });
    } catch (error) {
      setFailure(messageOf(error));
    }
  };

  return (
    <Dialog
      open={apiKey !== null}
      onOpenChange={(open) => {
        if (!open) {
          setFailure(null);
          setExpiresIn("now");
        }
        onOpenChange(open);
      }}
    >
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Rotate “{apiKey?.name}”</DialogTitle>
          <DialogDescription>
            A new secret with the same name and permissions replaces <code>{apiKey?.redacted}</code>
            .
          </DialogDescription>
        </DialogHeader>
        <p className="text-sm" data-testid="rotate-last-used">
          Old key last used:{" "}
          {apiKey?.last_used_at ? (
            <time dateTime={apiKey.last_used_at} title={formatDateTime(apiKey.last_used_at)}>
              {formatRelative(apiKey.last_used_at)}
            </time>
          ) : (
            <span className="text-muted-foreground">never</span>
          )}
        </p>
        <fieldset className="grid gap-2">
          <legend className="mb-1 font-medium text-sm">The old key expires</legend>
          <RadioGroup
            aria-label="The old key expires"
            value={expiresIn}
            onValueChange={(v) => setExpiresIn(v as RotationExpiry)}
          >
            {CHOICES.map((choice) => (
              <ExpiryChoice key={choice.value} {...choice} />
            ))}
          </RadioGroup>
        </fieldset>
        {failure ? <InlineAlert title="The key was not rotated">{failure}</InlineAlert> : null}
        <DialogFooter>
          <Button variant="outline" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button loading={rotate.isPending} onClick={() => void confirm()}>
            Rotate key
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
