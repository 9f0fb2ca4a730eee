"use client";

import { useState } from "react";
import { Switch } from "@/components/ui/switch";
import { cn } from "@/lib/utils";
import { useContextSwitch, usePortalContext } from "./portal-context-provider";

/**
 * Live / Sandbox, like Stripe's test mode: Sandbox shows test data and sk_test_ keys. The switch
 * flips at once while the server action sets the cookie and the page re-renders.
 */
export function EnvironmentSwitch({ className }: { className?: string }) {
  const { environment } = usePortalContext();
  const { selectEnvironment } = useContextSwitch();
  const [requested, setRequested] = useState<"live" | "test" | null>(null);
  const sandbox = (requested ?? environment) === "test";
  return (
    <div className={cn("flex items-center gap-2", className)}>
      <Switch
        id="environment-switch"
        data-testid="environment-switch"
        checked={sandbox}
        onCheckedChange={(checked) => {
          const next = checked ? "test" : "live";
          setRequested(next);
          void selectEnvironment(next).finally(() => setRequested(null));
        }}
        className="data-[state=checked]:bg-warning"
      />
      <label
        htmlFor="environment-switch"
        className={cn(
          "cursor-pointer select-none font-medium text-sm",
          sandbox ? "text-warning-muted-foreground dark:text-warning" : "text-muted-foreground",
        )}
      >
        Sandbox
      </label>
    </div>
  );
}
