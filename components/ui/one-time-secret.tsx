import type { ReactNode } from "react";
import { CopyButton } from "./copy-button";
import { TriangleAlert } from "./icons/triangle-alert";

/**
 * The body of a dialog that shows a secret once (an API key, a webhook signing secret): the
 * "you will not see it again" warning with what to do if it is lost, then the secret with a
 * copy button.
 */
export function OneTimeSecret({
  secret,
  lostHint,
  copyLabel,
  testId,
}: {
  secret: string | undefined;
  /** What to do if it is lost ("rotate the key to get a new one"). */
  lostHint: ReactNode;
  copyLabel: string;
  testId: string;
}) {
  return (
    <>
      <div
        role="note"
        className="flex gap-2 rounded-md border border-warning/40 bg-warning-muted px-3 py-2 text-sm text-warning-muted-foreground"
      >
        <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
        <p>
          <strong className="font-semibold">You will not see it again.</strong> {lostHint}
        </p>
      </div>
      <div className="flex items-center gap-2">
        <code
          data-testid={testId}
          className="min-w-0 flex-1 select-all break-all rounded-md border bg-muted px-3 py-2 font-mono text-[13px]"
        >
          {secret}
        </code>
        {secret ? <CopyButton value={secret} label={copyLabel} /> : null}
      </div>
    </>
  );
}
