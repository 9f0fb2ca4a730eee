"use client";

import { useEffect, useRef, useState } from "react";
import { Check } from "@/components/ui/icons/check";
import { Copy } from "@/components/ui/icons/copy";
import { cn } from "@/lib/utils";
import { Button, type ButtonProps } from "./button";

/** Clipboard API where available; the old selection trick for plain-HTTP hosts that lack it. */
async function writeClipboard(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  try {
    if (!document.execCommand("copy")) throw new Error("copy refused");
  } finally {
    area.remove();
  }
}

export type CopyButtonProps = Omit<ButtonProps, "onClick" | "children" | "asChild"> & {
  /** The text to copy. */
  value: string;
  /** Visible text (and accessible name); icon-only sizes use it as the aria-label. */
  label?: string;
  onCopied?: () => void;
};

/** Copies `value` and says "Copied" for two seconds, visibly and to screen readers. */
export function CopyButton({
  value,
  label = "Copy",
  onCopied,
  variant = "outline",
  size = "sm",
  className,
  ...props
}: CopyButtonProps) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const iconOnly = size === "icon" || size === "icon-sm";
  const copy = async () => {
    try {
      await writeClipboard(value);
      setState("copied");
      onCopied?.();
    } catch {
      setState("failed");
    }
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), 2000);
  };
  const text = state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : label;
  return (
    <>
      <Button
        variant={variant}
        size={size}
        className={cn(state === "copied" && "text-success", className)}
        aria-label={iconOnly ? text : undefined}
        data-state={state}
        onClick={() => void copy()}
        {...props}
      >
        {state === "copied" ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
        {iconOnly ? null : <span>{text}</span>}
      </Button>
      <span className="sr-only" aria-live="polite">
        {state === "copied" ? "Copied to clipboard" : state === "failed" ? "Copy failed" : ""}
      </span>
    </>
  );
}
