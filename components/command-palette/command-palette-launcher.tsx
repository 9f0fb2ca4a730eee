"use client";

import { lazy, Suspense, useEffect, useState } from "react";
import { Search } from "@/components/ui/icons/search";
import { Kbd } from "@/components/ui/kbd";
import { cn } from "@/lib/utils";

// cmdk and the palette load on first use (or on hover/focus of the button), never in first
// load. React.lazy rather than next/dynamic: it renders only after a click or a key press, so
// it needs no server-render handling (next/dynamic would add ~1.3 kB to every page).
const loadPalette = () => import("./command-palette");
const CommandPalette = lazy(() => loadPalette().then((m) => ({ default: m.CommandPalette })));

/** The header's search button; Ctrl+K / Cmd+K opens the palette from anywhere in the portal. */
export function CommandPaletteLauncher({ className }: { className?: string }) {
  const [open, setOpen] = useState(false);
  const [used, setUsed] = useState(false);
  const [mac, setMac] = useState(false);

  useEffect(() => {
    setMac(/Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent));
    const onKey = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        setUsed(true);
        setOpen((value) => !value);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <>
      <button
        type="button"
        data-testid="command-palette-button"
        onPointerEnter={() => void loadPalette()}
        onFocus={() => void loadPalette()}
        onClick={() => {
          setUsed(true);
          setOpen(true);
        }}
        className={cn(
          "inline-flex h-8 items-center gap-2 rounded-md border bg-background px-2.5 text-muted-foreground text-sm shadow-xs hover:bg-accent hover:text-accent-foreground focus-visible:outline-2 focus-visible:outline-ring",
          className,
        )}
      >
        <Search className="size-4" aria-hidden="true" />
        <span className="hidden md:inline">Search or jump to…</span>
        <span className="sr-only md:hidden">Search or jump to</span>
        <Kbd className="hidden md:inline-flex" aria-hidden="true">
          {mac ? "⌘" : "Ctrl"} K
        </Kbd>
      </button>
      {used ? (
        <Suspense fallback={null}>
          <CommandPalette open={open} onOpenChange={setOpen} />
        </Suspense>
      ) : null}
    </>
  );
}
