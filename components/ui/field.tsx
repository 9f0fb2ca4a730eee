import { type ReactElement, type ReactNode, useId } from "react";
import { cn } from "@/lib/utils";
import { Label } from "./label";
import { slot } from "./slot";

export interface FieldProps {
  label: ReactNode;
  /** The control (Input, Textarea, SelectTrigger...); it receives id, aria-invalid, aria-describedby. */
  children: ReactElement;
  /** Shown under the control in red and announced with it; makes the control aria-invalid. */
  error?: string | null;
  /** Helper text under the control, read after the label. */
  description?: ReactNode;
  /** Use a known id for the control (otherwise one is generated). */
  id?: string;
  /** Adds a visual "optional" hint; required-ness itself belongs on the control (`required`). */
  optional?: boolean;
  className?: string;
}

/**
 * Label + control + description + inline error, wired for assistive tech: the label points at
 * the control, and the control names the description and the error in aria-describedby.
 */
export function Field({
  label,
  children,
  error,
  description,
  id,
  optional,
  className,
}: FieldProps) {
  const generated = useId();
  const controlId = id ?? `field-${generated}`;
  const descriptionId = description ? `${controlId}-description` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [descriptionId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div data-slot="field" className={cn("grid gap-1.5", className)}>
      <Label htmlFor={controlId}>
        {label}
        {optional ? (
          <span className="font-normal text-muted-foreground text-xs">(optional)</span>
        ) : null}
      </Label>
      {slot(children, {
        id: controlId,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy,
      })}
      {description ? (
        <p id={descriptionId} className="text-[13px] text-muted-foreground">
          {description}
        </p>
      ) : null}
      {error ? (
        <p
          id={errorId}
          data-slot="field-error"
          className="text-[13px] font-medium text-destructive"
        >
          {error}
        </p>
      ) : null}
    </div>
  );
}
