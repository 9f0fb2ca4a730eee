import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

const base =
  "inline-flex w-fit shrink-0 items-center gap-1 whitespace-nowrap rounded-md border px-1.5 py-0.5 font-medium text-xs leading-4 [&>svg]:size-3 [&>svg]:pointer-events-none";

const variants = {
  default: "border-transparent bg-primary text-primary-foreground",
  secondary: "border-transparent bg-secondary text-secondary-foreground",
  outline: "text-foreground",
  info: "border-transparent bg-primary-muted text-primary-muted-foreground",
  success: "border-transparent bg-success-muted text-success-muted-foreground",
  warning: "border-transparent bg-warning-muted text-warning-muted-foreground",
  destructive: "border-transparent bg-destructive-muted text-destructive-muted-foreground",
};

/** The badge's classes, for other elements that should look like one. */
export function badgeVariants({
  variant,
}: {
  variant?: keyof typeof variants | null;
} = {}): string {
  return cn(base, variants[variant ?? "secondary"]);
}

export type BadgeProps = ComponentProps<"span"> & { variant?: keyof typeof variants | null };

/** Short status text (plan, role, "active"). Colour is never the only signal: keep the word. */
export function Badge({ className, variant, ...props }: BadgeProps) {
  return (
    <span data-slot="badge" className={cn(badgeVariants({ variant }), className)} {...props} />
  );
}
