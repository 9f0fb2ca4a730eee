"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { InlineAlert } from "@/components/ui/inline-alert";

export interface AcceptInvitationButtonProps {
  token: string;
  organizationName: string;
  action: (token: string) => Promise<{ ok: false; message: string }>;
}

/** Joins the organization; on success the server action opens its dashboard. */
export function AcceptInvitationButton({
  token,
  organizationName,
  action,
}: AcceptInvitationButtonProps) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="grid gap-3">
      {error ? <InlineAlert variant="error">{error}</InlineAlert> : null}
      <Button
        className="w-full"
        loading={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await action(token);
            if (result && !result.ok) setError(result.message);
          })
        }
      >
        Join {organizationName}
      </Button>
    </div>
  );
}
