import type { ComponentProps, ReactNode } from "react";
import { CircleCheck } from "@/components/ui/icons/circle-check";
import { CircleExclamationPoint } from "@/components/ui/icons/circle-exclamation-point";
import { Info } from "@/components/ui/icons/info";
import { TriangleAlert } from "@/components/ui/icons/triangle-alert";
import { cn } from "@/lib/utils";

const base =
  "flex gap-2.5 rounded-md border px-3 py-2.5 text-sm [&>svg]:mt-0.5 [&>svg]:size-4 [&>svg]:shrink-0";

const variants = {
  error: "border-destructive/30 bg-destructive-muted text-destructive-muted-foreground",
  warning: "border-warning/30 bg-warning-muted text-warning-muted-foreground",
  info: "border-primary/25 bg-primary-muted text-primary-muted-foreground",
  success: "border-success/30 bg-success-muted text-success-muted-foreground",
};

const icons = {
  error: CircleExclamationPoint,
  warning: TriangleAlert,
  info: Info,
  success: CircleCheck,
} as const;

const defaultLabels = { error: "Error", warning: "Warning", info: "Notice", success: "Success" };

export type InlineAlertProps = Omit<ComponentProps<"div">, "title"> & {
  variant?: keyof typeof variants | null;
} & {
  title?: ReactNode;
  /**
   * The accessible name. Errors and warnings are role="alert" (announced at once), and
   * Next's route announcer is an alert too, so tests should find ours by this name or a test id.
   */
  label?: string;
};

/** A message inside the page (a failed form, a warning about the current state). */
export function InlineAlert({
  variant,
  title,
  label,
  className,
  children,
  ...props
}: InlineAlertProps) {
  const kind = variant ?? "error";
  const Icon = icons[kind];
  const urgent = kind === "error" || kind === "warning";
  return (
    // biome-ignore lint/a11y/useAriaPropsSupportedByRole: the role is alert or status, both take a name
    <div
      data-slot="inline-alert"
      role={urgent ? "alert" : "status"}
      aria-label={label ?? (typeof title === "string" ? title : defaultLabels[kind])}
      className={cn(base, variants[kind], className)}
      {...props}
    >
      <Icon aria-hidden="true" />
      <div className="grid gap-0.5">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div className="[&_a]:underline">{children}</div> : null}
      </div>
    </div>
  );
}
