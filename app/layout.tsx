import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { THEME_SCRIPT } from "@/lib/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Cloud API Platform", template: "%s · Cloud API Platform" },
  description: "Provision, manage and monitor cloud infrastructure through one API.",
  // Files in public/, made by scripts/make-icons.mjs.
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: "/apple-touch-icon.png",
  },
  manifest: "/site.webmanifest",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

/**
 * Every page pays for this layout's client JavaScript, so it has none: the theme is an inline
 * script (lib/theme.ts). Portal-only providers (react-query, toasts) live in /dashboard's layout.
 */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The theme script sets the class on <html> before hydration; React must not undo it.
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script, no input */}
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-dvh text-sm antialiased">{children}</body>
    </html>
  );
}
