import type { ReactNode } from "react";
import { Brand } from "@/components/shell/brand";
import { ThemeToggle } from "@/components/shell/theme-toggle";

/** Sign-in and sign-up: one calm column, nothing else competing for attention. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col bg-muted/40">
      <header className="flex h-14 items-center justify-between px-4 sm:px-6">
        <Brand />
        <ThemeToggle />
      </header>
      <main
        id="main-content"
        className="flex flex-1 items-start justify-center px-4 py-8 sm:items-center sm:py-12"
      >
        {children}
      </main>
      <footer className="flex justify-center gap-4 pb-6 text-muted-foreground text-xs">
        <a href="/docs" className="hover:text-foreground hover:underline">
          Documentation
        </a>
        <a href="/docs/faq" className="hover:text-foreground hover:underline">
          FAQ
        </a>
      </footer>
    </div>
  );
}
