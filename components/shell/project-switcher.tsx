"use client";

import { PopoverMenu, PopoverMenuGroup, PopoverMenuRadioItem } from "@/components/ui/popover-menu";
import { ProjectSwitcherTrigger } from "./menu-triggers";
import { useContextSwitch, usePortalContext } from "./portal-context-provider";

/** The project within the current organization that every dashboard page shows. */
export function ProjectSwitcher({ className }: { className?: string }) {
  const { organization, project, memberships } = usePortalContext();
  const { selectProject } = useContextSwitch();
  const projects = memberships.find((m) => m.organizationId === organization.id)?.projects ?? [];
  return (
    <PopoverMenu label="Projects" trigger={<ProjectSwitcherTrigger className={className} />}>
      <PopoverMenuGroup label={`Projects in ${organization.name}`}>
        {projects.map((p) => (
          <PopoverMenuRadioItem
            key={p.id}
            checked={p.id === project.id}
            onSelect={() => {
              if (p.id !== project.id) void selectProject(p.id);
            }}
          >
            <span className="truncate">{p.name}</span>
          </PopoverMenuRadioItem>
        ))}
      </PopoverMenuGroup>
    </PopoverMenu>
  );
}
