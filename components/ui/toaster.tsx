"use client";

/**
 * Toasts without putting the toast library in any page's first load: `toast.*` loads it on first
 * use, and the outlet that shows them (components/providers/toaster.tsx) loads after hydration.
 * Feature code: `import { toast } from "@/components/ui/toaster"; toast.success("Key created")`.
 */
export interface ToastOptions {
  description?: string;
  /** Milliseconds; sonner's default otherwise. */
  duration?: number;
}

type Kind = "success" | "error" | "info" | "warning" | "message";

function show(kind: Kind, message: string, options?: ToastOptions): void {
  void import("sonner").then(({ toast: sonner }) => {
    if (kind === "message") sonner(message, options);
    else sonner[kind](message, options);
  });
}

export const toast = {
  success: (message: string, options?: ToastOptions) => show("success", message, options),
  error: (message: string, options?: ToastOptions) => show("error", message, options),
  info: (message: string, options?: ToastOptions) => show("info", message, options),
  warning: (message: string, options?: ToastOptions) => show("warning", message, options),
  message: (message: string, options?: ToastOptions) => show("message", message, options),
};
