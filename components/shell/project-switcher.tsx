"use client";

import { ChevronsUpDown, FolderKanban } from "lucide-react";
import { PopoverMenu, PopoverMenuGroup, PopoverMenuRadioItem } from "@/components/ui/popover-menu";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/lib/utils";
import { useContextSwitch, usePortalContext } from "./portal-context-provider";

/** The project within the current organization that every dashboard page shows. */
export function ProjectSwitcher({ className }: { className?: string }) {
  const { organization, project, memberships } = usePortalContext();
  const { pending, selectProject } = useContextSwitch();
  const projects = memberships.find((m) => m.organizationId === organization.id)?.projects ?? [];
  return (
    <PopoverMenu
      label="Projects"
      trigger={
        <button
          type="button"
          data-testid="project-switcher"
          className={cn(
            "flex h-8 min-w-0 items-center gap-1.5 rounded-md px-2 text-sm outline-none hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring",
            className,
          )}
        >
          <FolderKanban className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
          <span className="sr-only">Project: </span>
          <span className="truncate font-medium">{project.name}</span>
          {pending ? (
            <Spinner className="size-3.5" />
          ) : (
            <ChevronsUpDown
              className="size-3.5 shrink-0 text-muted-foreground"
              aria-hidden="true"
            />
          )}
        </button>
      }
    >
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
