"use client";

import { RotateCw } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { StatusPage } from "./status-page";

/**
 * What an error boundary shows. Never the error's message or stack (production hides server
 * errors anyway); only the digest, which matches the server log line for support.
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
          <Button onClick={retry}>
            <RotateCw aria-hidden="true" />
            Try again
          </Button>
          <Button asChild variant="outline">
            <Link href={homeHref}>Go back</Link>
          </Button>
        </>
      }
    />
  );
}
