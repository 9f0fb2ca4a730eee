"use client";

import { lazyClient } from "@/components/ui/lazy-client";
import {
  OrgSwitcherTrigger,
  ProjectSwitcherTrigger,
  ThemeToggleTrigger,
  UserMenuTrigger,
} from "./menu-triggers";

/*
 * The header's menus (switchers, theme, account) and their menu runtime load right after the
 * page, outside its first-load JavaScript; their buttons render at once and a click or focus
 * made meanwhile carries over.
 */

export const DeferredOrgSwitcher = lazyClient(
  () => import("./org-switcher").then((m) => m.OrgSwitcher),
  { fallback: (props) => <OrgSwitcherTrigger {...props} />, handOff: true },
);

export const DeferredProjectSwitcher = lazyClient(
  () => import("./project-switcher").then((m) => m.ProjectSwitcher),
  { fallback: (props) => <ProjectSwitcherTrigger {...props} />, handOff: true },
);

export const DeferredThemeToggle = lazyClient(
  () => import("./theme-toggle").then((m) => m.ThemeToggle),
  { fallback: (props) => <ThemeToggleTrigger {...props} />, handOff: true },
);

export const DeferredUserMenu = lazyClient(() => import("./user-menu").then((m) => m.UserMenu), {
  fallback: () => <UserMenuTrigger />,
  handOff: true,
});
