import { BookOpen } from "@/components/ui/icons/book-open";
import { Boxes } from "@/components/ui/icons/boxes";
import { ChartColumn } from "@/components/ui/icons/chart-column";
import { FileText } from "@/components/ui/icons/file-text";
import { Gauge } from "@/components/ui/icons/gauge";
import { KeyRound } from "@/components/ui/icons/key-round";
import { LayoutDashboard } from "@/components/ui/icons/layout-dashboard";
import { Radio } from "@/components/ui/icons/radio";
import { Receipt } from "@/components/ui/icons/receipt";
import type { IconComponent } from "@/components/ui/icons/render-icon";
import { Rocket } from "@/components/ui/icons/rocket";
import { ScrollText } from "@/components/ui/icons/scroll-text";
import { Users } from "@/components/ui/icons/users";
import { Webhook } from "@/components/ui/icons/webhook";
import type { Permission } from "@/lib/catalog/roles";

export interface NavItem {
  title: string;
  href: string;
  icon: IconComponent;
  /** "exact" for /dashboard itself; "prefix" (default) also marks sub-pages as current. */
  match?: "exact" | "prefix";
  /** Hidden from members whose role lacks this permission. */
  permission?: Permission;
}

export interface NavSection {
  /** Visible heading; omit for the first, unlabelled group. */
  title?: string;
  items: NavItem[];
}

/**
 * The signed-in sidebar. List only pages that exist: add an entry in the same commit as the page.
 * Sections render in order; e.g. later { title: "Monitor", items: [Usage, Rate limits] } and
 * { title: "Settings", items: [API keys, Members, Audit log] }.
 */
export const NAV_SECTIONS: NavSection[] = [
  {
    items: [
      { title: "Overview", href: "/dashboard", icon: LayoutDashboard, match: "exact" },
      {
        title: "Resources",
        href: "/dashboard/resources",
        icon: Boxes,
        permission: "resources:read",
      },
      {
        title: "Deployments",
        href: "/dashboard/deployments",
        icon: Rocket,
        permission: "deployments:read",
      },
    ],
  },
  {
    title: "Monitor",
    items: [
      { title: "Events", href: "/dashboard/events", icon: Radio, permission: "events:read" },
      { title: "Usage", href: "/dashboard/usage", icon: ChartColumn, permission: "usage:read" },
      {
        title: "Rate limits",
        href: "/dashboard/rate-limits",
        icon: Gauge,
        permission: "usage:read",
      },
      { title: "Billing", href: "/dashboard/billing", icon: Receipt, permission: "billing:read" },
      { title: "Logs", href: "/dashboard/logs", icon: FileText, permission: "logs:read" },
    ],
  },
  {
    title: "Settings",
    items: [
      {
        title: "API keys",
        href: "/dashboard/settings/api-keys",
        icon: KeyRound,
        permission: "keys:read",
      },
      {
        title: "Members",
        href: "/dashboard/settings/members",
        icon: Users,
        permission: "members:read",
      },
      {
        title: "Audit log",
        href: "/dashboard/settings/audit-log",
        icon: ScrollText,
        permission: "audit:read",
      },
      {
        title: "Webhooks",
        href: "/dashboard/webhooks",
        icon: Webhook,
        permission: "webhooks:read",
      },
    ],
  },
];

/** Links at the bottom of the sidebar (outside the signed-in area). */
export const NAV_FOOTER_ITEMS: NavItem[] = [
  { title: "Documentation", href: "/docs", icon: BookOpen },
];

export function isNavItemActive(item: NavItem, pathname: string): boolean {
  if (item.match === "exact") return pathname === item.href;
  return pathname === item.href || pathname.startsWith(`${item.href}/`);
}
