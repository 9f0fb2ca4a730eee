"use client";

import type { ComponentProps } from "react";
import { Button } from "@/components/ui/button";
import { ChevronsUpDown } from "@/components/ui/icons/chevrons-up-down";
import { FolderKanban } from "@/components/ui/icons/folder-kanban";
import { Moon } from "@/components/ui/icons/moon";
import { Sun } from "@/components/ui/icons/sun";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/lib/utils";
import { PlanBadge } from "./plan-badge";
import { useContextSwitch, usePortalContext } from "./portal-context-provider";

/*
 * The buttons that open the header's menus. They are light and render with the page; the menus
 * behind them load right after (deferred-menus.tsx), and until then a click is remembered.
 * Each passes its props on, so PopoverMenu can wire the popover, ARIA and keys onto it.
 */

type TriggerProps = ComponentProps<"button">;

export function OrgSwitcherTrigger({ className, ...props }: TriggerProps) {
  const { organization } = usePortalContext();
  const { pending } = useContextSwitch();
  return (
    <button
      type="button"
      data-testid="org-switcher"
      className={cn(
        "flex h-10 w-full items-center gap-2 rounded-md border bg-background px-2.5 text-left text-sm shadow-xs outline-none hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring",
        className,
      )}
      {...props}
    >
      <span
        aria-hidden="true"
        className="flex size-6 shrink-0 items-center justify-center rounded bg-primary-muted font-semibold text-primary-muted-foreground text-xs"
      >
        {organization.name.slice(0, 1).toUpperCase()}
      </span>
      <span className="min-w-0 flex-1">
        <span className="sr-only">Organization: </span>
        <span className="block truncate font-medium">{organization.name}</span>
      </span>
      <PlanBadge plan={organization.plan} />
      {pending ? (
        <Spinner className="size-3.5" />
      ) : (
        <ChevronsUpDown className="size-3.5 text-muted-foreground" aria-hidden="true" />
      )}
    </button>
  );
}

export function ProjectSwitcherTrigger({ className, ...props }: TriggerProps) {
  const { project } = usePortalContext();
  const { pending } = useContextSwitch();
  return (
    <button
      type="button"
      data-testid="project-switcher"
      className={cn(
        "flex h-8 min-w-0 items-center gap-1.5 rounded-md px-2 text-sm outline-none hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring",
        className,
      )}
      {...props}
    >
      <FolderKanban className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
      <span className="sr-only">Project: </span>
      <span className="truncate font-medium">{project.name}</span>
      {pending ? (
        <Spinner className="size-3.5" />
      ) : (
        <ChevronsUpDown className="size-3.5 shrink-0 text-muted-foreground" aria-hidden="true" />
      )}
    </button>
  );
}

function initials(name: string, email: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters =
    words.length >= 2
      ? `${words[0]?.[0] ?? ""}${words.at(-1)?.[0] ?? ""}`
      : (words[0] ?? email).slice(0, 2);
  return letters.toUpperCase();
}

export function UserMenuTrigger(props: TriggerProps) {
  const { user } = usePortalContext();
  return (
    <button
      type="button"
      data-testid="user-menu"
      className="flex size-8 shrink-0 items-center justify-center rounded-full bg-primary font-semibold text-primary-foreground text-xs outline-none focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
      {...props}
    >
      <span aria-hidden="true">{initials(user.name, user.email)}</span>
      <span className="sr-only">Account menu for {user.name || user.email}</span>
    </button>
  );
}

/** Both icons render and CSS picks one, so nothing flips after hydration. */
export function ThemeToggleTrigger(props: TriggerProps) {
  return (
    <Button variant="ghost" size="icon-sm" data-testid="theme-toggle" {...props}>
      <Sun className="dark:hidden" aria-hidden="true" />
      <Moon className="hidden dark:block" aria-hidden="true" />
      <span className="sr-only">Theme</span>
    </Button>
  );
}
