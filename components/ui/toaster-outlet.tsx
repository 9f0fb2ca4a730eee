"use client";

import { useTheme } from "next-themes";
import { Toaster as Sonner } from "sonner";

/** Loaded lazily by ./toaster.tsx; follows the current theme. */
export function ToasterOutlet() {
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
