"use client";

import { lazyClient } from "@/components/ui/lazy-client";

/**
 * The audit entry drawer (its diff, its dialog runtime) loads right after the page, outside its
 * first-load JavaScript; it opens on a click on a row, by which time the code is there, or
 * from a link naming an entry, where it shows once loaded.
 */
export const DeferredAuditDrawer = lazyClient(() =>
  import("./audit-drawer").then((m) => m.AuditDrawer),
);
