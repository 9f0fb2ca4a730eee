import type { ReactNode } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";

/** One headline figure: a label, the value, a line of context. */
export function StatTile({
  label,
  value,
  hint,
  loading,
  testId,
  className,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  loading?: boolean;
  testId?: string;
  className?: string;
}) {
  return (
    <div className={cn("grid gap-1 rounded-lg border bg-card p-4", className)} data-testid={testId}>
      <dt className="text-muted-foreground text-xs">{label}</dt>
      <dd className="font-semibold text-2xl tabular-nums tracking-tight">
        {loading ? <Skeleton className="h-8 w-24" /> : value}
      </dd>
      {hint ? <dd className="text-muted-foreground text-xs">{hint}</dd> : null}
    </div>
  );
}
