import type { ReactNode } from "react";
import { CommandPaletteLauncher } from "@/components/command-palette/command-palette-launcher";
import { Brand } from "./brand";
import {
  DeferredOrgSwitcher,
  DeferredProjectSwitcher,
  DeferredThemeToggle,
  DeferredUserMenu,
} from "./deferred-menus";
import { EnvironmentSwitch } from "./environment-switch";
import { MobileNav } from "./mobile-nav";
import { SandboxBanner } from "./sandbox-banner";
import { SidebarNav } from "./sidebar-nav";
import { SkipLink } from "./skip-link";

/**
 * The signed-in frame: skip link, sandbox banner, sidebar (a drawer on phones), top bar with
 * the project, environment, theme and account, then the page in <main id="main-content">.
 * Must be rendered inside PortalContextProvider.
 */
export function DashboardShell({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <SandboxBanner />
      <div className="flex flex-1">
        <aside
          aria-label="Sidebar"
          className="sticky top-0 hidden h-dvh w-60 shrink-0 flex-col border-r bg-sidebar lg:flex"
        >
          <div className="flex h-14 items-center px-4">
            <Brand href="/dashboard" />
          </div>
          <div className="px-3 pb-2">
            <DeferredOrgSwitcher />
          </div>
          <SidebarNav />
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b bg-background/95 px-3 backdrop-blur supports-[backdrop-filter]:bg-background/80 sm:px-4 lg:px-6">
            <MobileNav />
            <DeferredProjectSwitcher className="max-w-[45vw] sm:max-w-xs" />
            <CommandPaletteLauncher />
            <div className="ml-auto flex items-center gap-1.5 sm:gap-3">
              <EnvironmentSwitch />
              <DeferredThemeToggle className="hidden sm:inline-flex" />
              <DeferredUserMenu />
            </div>
          </header>
          <main
            id="main-content"
            tabIndex={-1}
            className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 outline-none sm:px-6 lg:px-8 lg:py-8"
          >
            {children}
          </main>
        </div>
      </div>
    </div>
  );
}
