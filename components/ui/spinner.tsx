import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

/** A small rotating ring. Decorative unless given a `label`, which is announced to screen readers. */
export function Spinner({
  className,
  label,
  ...props
}: ComponentProps<"span"> & { label?: string }) {
  return (
    <span
      data-slot="spinner"
      role={label ? "status" : undefined}
      aria-hidden={label ? undefined : true}
      className={cn("inline-flex size-4 shrink-0", className)}
      {...props}
    >
      <svg viewBox="0 0 16 16" fill="none" className="size-full animate-spin" aria-hidden="true">
        <circle cx="8" cy="8" r="6.5" stroke="currentColor" strokeOpacity="0.25" strokeWidth="2" />
        <path d="M14.5 8A6.5 6.5 0 0 0 8 1.5" stroke="currentColor" strokeWidth="2" />
      </svg>
      {label ? <span className="sr-only">{label}</span> : null}
    </span>
  );
}
