"use client";

import { PopoverMenu, PopoverMenuGroup, PopoverMenuRadioItem } from "@/components/ui/popover-menu";
import { OrgSwitcherTrigger } from "./menu-triggers";
import { useContextSwitch, usePortalContext } from "./portal-context-provider";

/** The organization the member is working in; lists every organization they belong to. */
export function OrgSwitcher({ className }: { className?: string }) {
  const { organization, memberships } = usePortalContext();
  const { selectOrganization } = useContextSwitch();
  return (
    <PopoverMenu
      label="Organizations"
      matchTriggerWidth
      trigger={<OrgSwitcherTrigger className={className} />}
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
