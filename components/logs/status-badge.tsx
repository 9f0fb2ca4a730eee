import { Badge, type BadgeProps } from "@/components/ui/badge";

/** The status class decides the colour; the code itself is always written out. */
export function statusVariant(status: number): BadgeProps["variant"] {
  if (status >= 500) return "destructive";
  if (status >= 400) return "warning";
  if (status >= 300) return "info";
  return "success";
}

export function StatusBadge({ status }: { status: number }) {
  return (
    <Badge variant={statusVariant(status)} data-status-class={`${Math.floor(status / 100)}xx`}>
      {status}
    </Badge>
  );
}
