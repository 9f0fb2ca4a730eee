"use client";

import { ThemeProvider } from "next-themes";
import type { ReactNode } from "react";

/**
 * What every page needs, docs included, and nothing more (the root layout's JS is paid by every
 * page): the theme. next-themes sets the class on <html> from an inline script before paint.
 * Portal-only providers (react-query, toasts) live in PortalProviders, mounted by /dashboard.
 */
export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange>
      {children}
    </ThemeProvider>
  );
}
