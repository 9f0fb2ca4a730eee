"use client";

import { lazyClient } from "@/components/ui/lazy-client";

/**
 * The event drawer and its dialog runtime load right after the Events page, outside its
 * first-load JavaScript (the page stays under its bundle budget); a drawer is only opened by a
 * click on a row, by which time the code is there.
 */
export const DeferredEventDrawer = lazyClient(() =>
  import("./event-drawer").then((m) => m.EventDrawer),
);
