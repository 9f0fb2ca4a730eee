import { BrandMark } from "@/components/shell/brand-mark";
import { Kbd } from "@/components/ui/kbd";
import { MonitorIcon, MoonIcon, SearchIcon, SunIcon } from "./icons";

/**
 * The docs' top bar. Search and the theme switch are plain markup; the docs script brings them
 * to life (search loads its index only when the box is first focused).
 */
export function DocsHeader() {
  return (
    <header className="sticky top-0 z-30 border-b bg-background/95 backdrop-blur supports-[backdrop-filter]:bg-background/80">
      <div className="mx-auto flex h-14 max-w-screen-2xl items-center gap-3 px-4 sm:px-6">
        <a
          href="/docs"
          className="flex shrink-0 items-center gap-2 font-semibold text-[15px] tracking-tight"
        >
          <BrandMark />
          <span>
            Cloud API <span className="font-normal text-muted-foreground">Docs</span>
          </span>
        </a>
        <div className="relative ml-auto w-full max-w-xs sm:max-w-sm" data-search="">
          <label htmlFor="docs-search" className="sr-only">
            Search the docs
          </label>
          <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
          <input
            id="docs-search"
            type="search"
            role="combobox"
            aria-expanded="false"
            aria-controls="docs-search-results"
            aria-autocomplete="list"
            autoComplete="off"
            spellCheck={false}
            placeholder="Search docs"
            className="h-9 w-full rounded-md border border-input bg-background pr-10 pl-8 text-sm outline-none placeholder:text-muted-foreground focus-visible:outline-2 focus-visible:outline-ring"
          />
          <Kbd className="absolute top-1/2 right-2 hidden -translate-y-1/2 sm:inline-flex">/</Kbd>
          <div
            id="docs-search-results"
            role="listbox"
            aria-label="Search results"
            data-search-results=""
            hidden
            className="absolute top-11 right-0 left-0 z-40 max-h-[70vh] overflow-y-auto rounded-lg border bg-popover p-1 text-popover-foreground shadow-lg sm:left-auto sm:w-[28rem]"
          />
          <p data-search-status="" className="sr-only" aria-live="polite" />
        </div>
        <a
          href="/dashboard"
          className="hidden shrink-0 rounded-md px-2 py-1.5 font-medium text-muted-foreground text-sm hover:text-foreground md:block"
        >
          Dashboard
        </a>
        <button
          type="button"
          data-theme-toggle=""
          aria-label="Colour theme: system"
          title="Colour theme"
          className="inline-flex size-9 shrink-0 items-center justify-center rounded-md text-muted-foreground hover:bg-accent hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
        >
          {/* docs.css shows the icon of the current choice (set on <html> before paint). */}
          <SunIcon className="size-4" data-theme-icon="light" />
          <MoonIcon className="size-4" data-theme-icon="dark" />
          <MonitorIcon className="size-4" data-theme-icon="system" />
        </button>
      </div>
    </header>
  );
}
