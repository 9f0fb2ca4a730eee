import { formatDateTime, formatRelative } from "@/lib/portal/format";
import type { EventDto } from "@/lib/schemas/events";

/** "resource.active" -> "Resource active"; "volume.attached" -> "Volume attached". */
export function describeEventType(type: string): string {
  const text = type.replace(/[._]/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function subjectOf(event: EventDto): string | null {
  const name = event.data.name;
  return typeof name === "string" ? name : null;
}

/** Newest first; each entry says what happened and when. */
export function EventTimeline({
  events,
  showSubject = false,
  emptyText = "No events yet.",
}: {
  events: readonly EventDto[];
  showSubject?: boolean;
  emptyText?: string;
}) {
  if (events.length === 0) return <p className="text-muted-foreground text-sm">{emptyText}</p>;
  return (
    <ol className="relative grid gap-3 border-l pl-4" data-testid="event-timeline">
      {events.map((event) => {
        const subject = showSubject ? subjectOf(event) : null;
        return (
          <li key={event.id} className="relative grid gap-0.5" data-event-type={event.type}>
            <span
              aria-hidden="true"
              className="absolute top-1.5 -left-[21px] size-2 rounded-full border-2 border-background bg-primary"
            />
            <span className="font-medium text-sm">
              {describeEventType(event.type)}
              {subject ? (
                <span className="font-normal text-muted-foreground"> · {subject}</span>
              ) : null}
            </span>
            <span className="text-muted-foreground text-xs">
              <time
                dateTime={event.created_at}
                title={formatDateTime(event.created_at)}
                suppressHydrationWarning
              >
                {formatRelative(event.created_at)}
              </time>{" "}
              · <code className="font-mono">{event.type}</code>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
