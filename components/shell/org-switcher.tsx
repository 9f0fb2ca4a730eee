"use client";

import { ChevronsUpDown } from "lucide-react";
import { PopoverMenu, PopoverMenuGroup, PopoverMenuRadioItem } from "@/components/ui/popover-menu";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/lib/utils";
import { PlanBadge } from "./plan-badge";
import { useContextSwitch, usePortalContext } from "./portal-context-provider";

/** The organization the member is working in; lists every organization they belong to. */
export function OrgSwitcher({ className }: { className?: string }) {
  const { organization, memberships } = usePortalContext();
  const { pending, selectOrganization } = useContextSwitch();
  return (
    <PopoverMenu
      label="Organizations"
      matchTriggerWidth
      trigger={
        <button
          type="button"
          data-testid="org-switcher"
          className={cn(
            "flex h-10 w-full items-center gap-2 rounded-md border bg-background px-2.5 text-left text-sm shadow-xs outline-none hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring",
            className,
          )}
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
      }
    >
      <PopoverMenuGroup label="Organizations">
        {memberships.map((m) => (
          <PopoverMenuRadioItem
            key={m.organizationId}
            checked={m.organizationId === organization.id}
            onSelect={() => {
              if (m.organizationId !== organization.id) void selectOrganization(m.organizationId);
            }}
          >
            <span className="min-w-0 flex-1 truncate">{m.organizationName}</span>
            <span className="text-muted-foreground text-xs capitalize">{m.role}</span>
          </PopoverMenuRadioItem>
        ))}
      </PopoverMenuGroup>
    </PopoverMenu>
  );
}
