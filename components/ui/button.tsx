import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";
import { BUTTON_BASE, BUTTON_SIZES, BUTTON_VARIANTS } from "./button-classes";
import { slot } from "./slot";
import { Spinner } from "./spinner";

const variants = BUTTON_VARIANTS;
const sizes = BUTTON_SIZES;

export interface ButtonVariantProps {
  variant?: keyof typeof variants | null;
  size?: keyof typeof sizes | null;
}

/** The button's classes, for elements that only look like one (a link, a Radix part). */
export function buttonVariants({
  variant,
  size,
  className,
}: ButtonVariantProps & { className?: string } = {}): string {
  return cn(BUTTON_BASE, variants[variant ?? "default"], sizes[size ?? "default"], className);
}

export type ButtonProps = ComponentProps<"button"> &
  ButtonVariantProps & {
    /** Render the child element (e.g. a Next `<Link>`) with button styles instead of a <button>. */
    asChild?: boolean;
    /** Shows a spinner, disables the button and marks it busy; keeps its width steady. */
    loading?: boolean;
  };

/** The one button. `type` defaults to "button" so a button never submits a form by accident. */
export function Button({
  className,
  variant,
  size,
  asChild = false,
  loading = false,
  disabled,
  type,
  children,
  ...props
}: ButtonProps) {
  const classes = buttonVariants({ variant, size, className });
  if (asChild) return slot(children, { "data-slot": "button", className: classes, ...props });
  return (
    <button
      data-slot="button"
      type={type ?? "button"}
      className={classes}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      {...props}
    >
      {loading ? <Spinner /> : null}
      {children}
    </button>
  );
}
