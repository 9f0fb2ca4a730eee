import { formatDateTime, formatRelative } from "@/lib/portal/format";

// Lives in shell rather than components/ui: it formats with lib/portal/format, and the layer
// rules keep components/ui free of portal imports.

/**
 * A timestamp shown relative to now with the exact date and time on hover, or `empty` when there
 * is none. The relative text depends on the clock, so server and client may differ by a minute.
 */
export function RelativeTime({ iso, empty = "None" }: { iso: string | null; empty?: string }) {
  if (!iso) return <span className="text-muted-foreground">{empty}</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)} suppressHydrationWarning>
      {formatRelative(iso)}
    </time>
  );
}
