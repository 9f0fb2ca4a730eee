"use client";

import { usePathname } from "next/navigation";
import { AppLink } from "@/components/ui/app-link";
import { cn } from "@/lib/utils";
import { isNavItemActive, NAV_FOOTER_ITEMS, NAV_SECTIONS, type NavItem } from "./nav-items";
import { usePortalContext } from "./portal-context-provider";

function NavLink({
  item,
  pathname,
  onNavigate,
}: {
  item: NavItem;
  pathname: string;
  onNavigate?: () => void;
}) {
  const active = isNavItemActive(item, pathname);
  const Icon = item.icon;
  return (
    <AppLink
      href={item.href}
      aria-current={active ? "page" : undefined}
      onClick={onNavigate}
      className={cn(
        "flex h-8 items-center gap-2.5 rounded-md px-2 font-medium text-sm transition-colors",
        active
          ? "bg-accent text-accent-foreground"
          : "text-muted-foreground hover:bg-accent/70 hover:text-foreground",
      )}
    >
      <Icon className="size-4 shrink-0" aria-hidden="true" />
      <span className="truncate">{item.title}</span>
    </AppLink>
  );
}

/** The sidebar's page list, filtered by the member's permissions; marks the current page. */
export function SidebarNav({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname() ?? "";
  const { permissions } = usePortalContext();
  const allowed = (item: NavItem) => !item.permission || permissions.includes(item.permission);
  return (
    <nav aria-label="Dashboard" className="flex flex-1 flex-col gap-4 overflow-y-auto px-3 py-2">
      {NAV_SECTIONS.map((section, index) => {
        const items = section.items.filter(allowed);
        if (items.length === 0) return null;
        const headingId = section.title ? `nav-section-${index}` : undefined;
        return (
          <div key={section.title ?? index} className="grid gap-0.5">
            {section.title ? (
              <h2
                id={headingId}
                className="px-2 pb-1 font-medium text-muted-foreground text-xs uppercase tracking-wide"
              >
                {section.title}
              </h2>
            ) : null}
            <ul aria-labelledby={headingId} className="grid gap-0.5">
              {items.map((item) => (
                <li key={item.href}>
                  <NavLink item={item} pathname={pathname} onNavigate={onNavigate} />
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      <ul className="mt-auto grid gap-0.5 border-t pt-3">
        {NAV_FOOTER_ITEMS.filter(allowed).map((item) => (
          <li key={item.href}>
            <NavLink item={item} pathname={pathname} onNavigate={onNavigate} />
          </li>
        ))}
      </ul>
    </nav>
  );
}
