import type { Metadata } from "next";
import Link from "next/link";
import { Brand } from "@/components/shell/brand";
import { StatusPage } from "@/components/shell/status-page";
import { Button } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex h-14 items-center border-b px-4 sm:px-6">
        <Brand />
      </header>
      <main id="main-content" className="flex flex-1 items-center justify-center">
        <StatusPage
          eyebrow="404"
          title="Page not found"
          description="The page you asked for does not exist or has moved."
          actions={
            <>
              <Button asChild>
                <Link href="/dashboard">Go to the dashboard</Link>
              </Button>
              <Button asChild variant="outline">
                <Link href="/docs">Read the docs</Link>
              </Button>
            </>
          }
        />
      </main>
    </div>
  );
}
