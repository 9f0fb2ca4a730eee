import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/utils";

export interface EmptyStateProps extends Omit<ComponentProps<"div">, "title"> {
  /** A lucide icon element, e.g. `<Inbox />`. */
  icon?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  /** The next step: usually one Button. */
  action?: ReactNode;
}

/** What a list shows when it has nothing yet: say what belongs here and how to add the first. */
export function EmptyState({
  icon,
  title,
  description,
  action,
  className,
  ...props
}: EmptyStateProps) {
  return (
    <div
      data-slot="empty-state"
      className={cn(
        "flex flex-col items-center justify-center gap-2 rounded-lg border border-dashed px-6 py-12 text-center",
        className,
      )}
      {...props}
    >
      {icon ? (
        <div
          aria-hidden="true"
          className="mb-1 flex size-10 items-center justify-center rounded-full bg-muted text-muted-foreground [&>svg]:size-5"
        >
          {icon}
        </div>
      ) : null}
      <h3 className="font-medium text-[15px]">{title}</h3>
      {description ? <p className="max-w-sm text-muted-foreground text-sm">{description}</p> : null}
      {action ? <div className="mt-2">{action}</div> : null}
    </div>
  );
}
