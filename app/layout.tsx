import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { AppProviders } from "@/components/providers/app-providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Cloud API Platform", template: "%s · Cloud API Platform" },
  description: "Provision, manage and monitor cloud infrastructure through one API.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // next-themes sets the class on <html> before hydration; React must not undo it.
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-dvh text-sm antialiased">
        <AppProviders>{children}</AppProviders>
      </body>
    </html>
  );
}
