import { type ReactNode, useId } from "react";
import {
  Card,
  CardAction,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
} from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ChartNoAxesColumn } from "@/components/ui/icons/chart-no-axes-column";
import { Skeleton } from "@/components/ui/skeleton";

export interface ChartCardProps {
  title: string;
  description?: ReactNode;
  /** Buttons on the card's top right (export, range). */
  actions?: ReactNode;
  loading?: boolean;
  /** Nothing to draw: an empty state says so instead of an empty or broken chart. */
  empty?: boolean;
  emptyTitle?: string;
  emptyDescription?: ReactNode;
  /** The chart (lazy-loaded recharts). */
  chart: ReactNode;
  /** The same data as a table: the accessible alternative, behind a disclosure. */
  table?: ReactNode;
  testId?: string;
  className?: string;
}

/**
 * A titled chart with its data table. The figure is named by the card title; screen-reader and
 * keyboard users get the table (a native <details>, so no script is needed to open it).
 */
export function ChartCard({
  title,
  description,
  actions,
  loading,
  empty,
  emptyTitle = "No data in this range",
  emptyDescription = "Pick a longer range, or make some requests with a key first.",
  chart,
  table,
  testId,
  className,
}: ChartCardProps) {
  const titleId = useId();
  return (
    <Card className={className} data-testid={testId} aria-busy={loading || undefined}>
      <CardHeader>
        <CardTitle id={titleId}>{title}</CardTitle>
        {description ? <CardDescription>{description}</CardDescription> : null}
        {actions ? <CardAction>{actions}</CardAction> : null}
      </CardHeader>
      {/* One shrinkable column: an opened data table scrolls inside the card, never widens it. */}
      <CardContent className="grid grid-cols-1 gap-3">
        {loading ? (
          <Skeleton className="h-64 w-full" />
        ) : empty ? (
          <EmptyState
            icon={<ChartNoAxesColumn />}
            title={emptyTitle}
            description={emptyDescription}
            data-testid={testId ? `${testId}-empty` : undefined}
          />
        ) : (
          <>
            <figure aria-labelledby={titleId} className="h-64 w-full min-w-0">
              {chart}
            </figure>
            {table ? (
              <details className="group rounded-md border px-3 py-2 text-sm">
                <summary className="cursor-pointer select-none font-medium text-muted-foreground hover:text-foreground">
                  Show the data as a table
                </summary>
                {/* Scrollable, so it takes keyboard focus (arrow keys scroll it). */}
                <section
                  className="mt-2 max-h-80 overflow-y-auto rounded-sm focus-visible:outline-2 focus-visible:outline-ring"
                  aria-label={`${title}: data table`}
                  // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable
                  tabIndex={0}
                >
                  {table}
                </section>
              </details>
            ) : null}
          </>
        )}
      </CardContent>
    </Card>
  );
}
