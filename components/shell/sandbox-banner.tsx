"use client";

import { FlaskConical } from "@/components/ui/icons/flask-conical";
import { useContextSwitch, usePortalContext } from "./portal-context-provider";

/** Across the top of every page while the member looks at sandbox (test) data. */
export function SandboxBanner() {
  const { environment } = usePortalContext();
  const { pending, selectEnvironment } = useContextSwitch();
  if (environment !== "test") return null;
  return (
    <div
      role="status"
      data-testid="sandbox-banner"
      className="flex min-h-9 flex-wrap items-center justify-center gap-x-3 gap-y-1 border-warning/40 border-b bg-warning-muted px-4 py-1.5 text-center text-[13px] text-warning-muted-foreground"
    >
      <span className="inline-flex items-center gap-1.5">
        <FlaskConical className="size-4 shrink-0" aria-hidden="true" />
        <span>
          <strong className="font-semibold">Sandbox:</strong> test data, <code>sk_test_</code> keys,
          never billed. Data resets every 24 hours.
        </span>
      </span>
      <button
        type="button"
        disabled={pending}
        onClick={() => void selectEnvironment("live")}
        className="rounded-sm font-medium underline underline-offset-2 hover:no-underline disabled:opacity-60"
      >
        Switch to live
      </button>
    </div>
  );
}
