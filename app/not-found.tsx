import type { Metadata } from "next";
import { BRAND_CLASSES, BrandContent } from "@/components/shell/brand-mark";
import { StatusPage } from "@/components/shell/status-page";
import { Button } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

/**
 * Server-rendered with plain links (no next/link): the root not-found page is part of every
 * page's first load, so it must add no client JavaScript.
 */
export default function NotFound() {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex h-14 items-center border-b px-4 sm:px-6">
        <a href="/" className={BRAND_CLASSES}>
          <BrandContent />
        </a>
      </header>
      <main id="main-content" className="flex flex-1 items-center justify-center">
        <StatusPage
          eyebrow="404"
          title="Page not found"
          description="The page you asked for does not exist or has moved."
          actions={
            <>
              <Button asChild>
                <a href="/dashboard">Go to the dashboard</a>
              </Button>
              <Button asChild variant="outline">
                <a href="/docs">Read the docs</a>
              </Button>
            </>
          }
        />
      </main>
    </div>
  );
}
