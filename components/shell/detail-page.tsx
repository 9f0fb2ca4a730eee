"use client";

import type { ReactNode } from "react";
import { AppLink } from "@/components/ui/app-link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ArrowLeft } from "@/components/ui/icons/arrow-left";
import { InlineAlert } from "@/components/ui/inline-alert";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError, messageOf } from "@/lib/portal/proxy-client";

/*
 * The frame of a detail page (a resource, a webhook endpoint): the way back to its list, its
 * loading, not-found and failed states, and its label/value facts.
 */

export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <AppLink
      href={href}
      className="mb-4 inline-flex items-center gap-1 text-muted-foreground text-sm hover:text-foreground"
    >
      <ArrowLeft className="size-4" aria-hidden="true" />
      {children}
    </AppLink>
  );
}

export interface DetailFallbackProps {
  query: { isPending: boolean; error: unknown };
  back: ReactNode;
  /** Names the page for screen readers when there is nothing to show ("Resource"). */
  heading: string;
  loadingLabel: string;
  notFoundTitle: string;
  notFoundDescription: string;
  list: { href: string; label: string };
  errorTitle: string;
}

/** What a detail page shows while its query loads or after it failed (a 404 gets its own words). */
export function DetailFallback({
  query,
  back,
  heading,
  loadingLabel,
  notFoundTitle,
  notFoundDescription,
  list,
  errorTitle,
}: DetailFallbackProps) {
  if (query.isPending) {
    return (
      <div className="grid gap-4" role="status" aria-label={loadingLabel}>
        {back}
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-40" />
      </div>
    );
  }
  const missing = query.error instanceof ApiError && query.error.status === 404;
  return (
    <>
      {back}
      <h1 className="sr-only">{heading}</h1>
      {missing ? (
        <EmptyState
          title={notFoundTitle}
          description={notFoundDescription}
          action={
            <Button asChild variant="outline">
              <AppLink href={list.href}>{list.label}</AppLink>
            </Button>
          }
        />
      ) : (
        <InlineAlert title={errorTitle}>{messageOf(query.error)}</InlineAlert>
      )}
    </>
  );
}

/** One label and its value in a detail page's <dl>. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid min-w-0 gap-0.5">
      <dt className="text-muted-foreground text-xs">{label}</dt>
      <dd className="flex min-w-0 flex-wrap items-center gap-2 text-sm">{children}</dd>
    </div>
  );
}
