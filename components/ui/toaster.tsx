"use client";

import { type ComponentType, useEffect, useState } from "react";

/**
 * Toasts, without putting the toast library in any page's first load: the outlet loads right
 * after hydration and `toast.*` loads the library on first use (the same module instance).
 * Feature code: `import { toast } from "@/components/ui/toaster"; toast.success("Key created")`.
 */
export function Toaster() {
  const [Outlet, setOutlet] = useState<ComponentType | null>(null);
  useEffect(() => {
    let live = true;
    void import("./toaster-outlet").then((m) => {
      if (live) setOutlet(() => m.ToasterOutlet);
    });
    return () => {
      live = false;
    };
  }, []);
  return Outlet ? <Outlet /> : null;
}

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
