"use client";

import { BUTTON_BASE, BUTTON_SIZES, BUTTON_VARIANTS } from "@/components/ui/button-classes";
import { RotateCw } from "@/components/ui/icons/rotate-cw";
import { StatusPage } from "./status-page";

const primary = `${BUTTON_BASE} ${BUTTON_VARIANTS.default} ${BUTTON_SIZES.default}`;
const outline = `${BUTTON_BASE} ${BUTTON_VARIANTS.outline} ${BUTTON_SIZES.default}`;

/**
 * What an error boundary shows. Never the error's message or stack (production hides server
 * errors anyway); only the digest, which matches the server log line for support. Plain
 * elements: the root error page is loaded with every page, so it must stay a few hundred bytes.
 * "Go back" is a full page load, which also starts the page's state afresh.
 */
export function ErrorView({
  error,
  retry,
  homeHref = "/",
}: {
  error: unknown;
  retry: () => void;
  homeHref?: string;
}) {
  const digest =
    error && typeof error === "object" && "digest" in error && typeof error.digest === "string"
      ? error.digest
      : null;
  return (
    <StatusPage
      eyebrow="Error"
      title="Something went wrong"
      description={
        <>
          This page could not be shown. Try again; if it keeps happening, contact support
          {digest ? (
            <>
              {" "}
              and mention reference <code className="text-foreground">{digest}</code>
            </>
          ) : null}
          .
        </>
      }
      actions={
        <>
          <button type="button" className={primary} onClick={retry}>
            <RotateCw aria-hidden="true" />
            Try again
          </button>
          <a href={homeHref} className={outline}>
            Go back
          </a>
        </>
      }
    />
  );
}
