"use client";

import { useTheme } from "next-themes";
import { Toaster as Sonner } from "sonner";

/** Feature code imports `toast` from here, so the toast library can change in one place. */
export { toast } from "sonner";

/** Mounted once in the root providers; follows the current theme. */
export function Toaster() {
  const { resolvedTheme } = useTheme();
  return (
    <Sonner
      theme={resolvedTheme === "dark" ? "dark" : "light"}
      position="bottom-right"
      closeButton
      toastOptions={{
        classNames: {
          toast: "!rounded-md !border-border !bg-popover !text-popover-foreground !shadow-md",
          description: "!text-muted-foreground",
        },
      }}
    />
  );
}
