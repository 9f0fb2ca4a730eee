"use client";

import { useSyncExternalStore } from "react";
import { Toaster as Sonner } from "sonner";
import { isDarkTheme, subscribeTheme } from "@/lib/theme";

/** Loaded lazily by ./toaster.tsx; follows the current theme. */
export function ToasterOutlet() {
  const dark = useSyncExternalStore(subscribeTheme, isDarkTheme, () => false);
  return (
    <Sonner
      theme={dark ? "dark" : "light"}
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
