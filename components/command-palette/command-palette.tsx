"use client";

import { useQuery } from "@tanstack/react-query";
import { Command } from "cmdk";
import { useRouter } from "next/navigation";
import { type ReactNode, useEffect, useState } from "react";
import { typeLabel } from "@/components/resources/resource-labels";
import { NAV_FOOTER_ITEMS, NAV_SECTIONS } from "@/components/shell/nav-items";
import {
  useContextSwitch,
  usePortalContext,
  usePortalScopeKey,
} from "@/components/shell/portal-context-provider";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { Boxes } from "@/components/ui/icons/boxes";
import { FlaskConical } from "@/components/ui/icons/flask-conical";
import { KeyRound } from "@/components/ui/icons/key-round";
import { Plus } from "@/components/ui/icons/plus";
import { Radio } from "@/components/ui/icons/radio";
import { callApi } from "@/lib/portal/proxy-client";
import { queryKeys } from "@/lib/portal/query-keys";
import type { ResourceDto } from "@/lib/schemas/resources";
import { CREATE_PARAM } from "./use-create-param";

const RESOURCE_ID = /^res_[A-Za-z0-9]{1,64}$/;

/** Resources whose name contains the text, or the one resource with that id. */
function useResourceSearch(text: string) {
  const scope = usePortalScopeKey();
  const [debounced, setDebounced] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(text.trim()), 200);
    return () => clearTimeout(timer);
  }, [text]);
  return useQuery({
    queryKey: queryKeys.resources.search(scope, debounced),
    enabled: debounced.length >= 2,
    staleTime: 10_000,
    queryFn: async ({ signal }): Promise<ResourceDto[]> => {
      if (RESOURCE_ID.test(debounced)) {
        try {
          return [await callApi<ResourceDto>(`/v1/resources/${debounced}`, { signal })];
        } catch {
          return [];
        }
      }
      const page = await callApi<{ data: ResourceDto[] }>(
        `/v1/resources?q=${encodeURIComponent(debounced)}&limit=8`,
        { signal },
      );
      return page.data;
    },
  });
}

const itemClasses =
  "flex cursor-pointer items-center gap-2.5 rounded-md px-2.5 py-2 text-sm aria-selected:bg-accent aria-selected:text-accent-foreground data-[disabled=true]:opacity-50 [&_svg]:size-4 [&_svg]:shrink-0 [&_svg]:text-muted-foreground";
const groupClasses =
  "[&_[cmdk-group-heading]]:px-2.5 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:font-medium [&_[cmdk-group-heading]]:text-muted-foreground [&_[cmdk-group-heading]]:text-xs";

function Item({
  value,
  keywords,
  onSelect,
  children,
}: {
  value: string;
  keywords?: string[];
  onSelect: () => void;
  children: ReactNode;
}) {
  return (
    <Command.Item value={value} keywords={keywords} onSelect={onSelect} className={itemClasses}>
      {children}
    </Command.Item>
  );
}

/** Ctrl/Cmd+K: go to any page, find a resource by name or id, create a key or a resource. */
export function CommandPalette({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const router = useRouter();
  const { permissions, environment } = usePortalContext();
  const { selectEnvironment } = useContextSwitch();
  const [text, setText] = useState("");
  const search = useResourceSearch(text);
  const can = (permission?: string) =>
    !permission || (permissions as readonly string[]).includes(permission);

  const go = (href: string) => {
    onOpenChange(false);
    setText("");
    router.push(href);
  };
  const pages = [...NAV_SECTIONS.flatMap((s) => s.items), ...NAV_FOOTER_ITEMS].filter((item) =>
    can(item.permission),
  );
  const found = search.data ?? [];

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent showClose={false} className="max-w-xl gap-0 overflow-hidden p-0">
        <DialogTitle className="sr-only">Command palette</DialogTitle>
        <DialogDescription className="sr-only">
          Type to search pages, resources and actions; Enter runs the selected one.
        </DialogDescription>
        <Command label="Command palette" loop className="flex flex-col">
          <Command.Input
            value={text}
            onValueChange={setText}
            placeholder="Search pages, resources by name or id, actions…"
            className="h-12 border-b bg-transparent px-4 text-sm outline-none placeholder:text-muted-foreground"
          />
          <Command.List className="max-h-[min(60vh,420px)] overflow-y-auto p-1.5">
            <Command.Empty className="px-3 py-6 text-center text-muted-foreground text-sm">
              {search.isFetching ? "Searching…" : "Nothing found."}
            </Command.Empty>
            {found.length > 0 ? (
              <Command.Group heading="Resources" className={groupClasses}>
                {found.map((resource) => (
                  <Item
                    key={resource.id}
                    value={`resource ${resource.name} ${resource.id}`}
                    keywords={[text]}
                    onSelect={() => go(`/dashboard/resources/${resource.id}`)}
                  >
                    <Boxes aria-hidden="true" />
                    <span className="truncate">{resource.name}</span>
                    <span className="ml-auto font-mono text-muted-foreground text-xs">
                      {typeLabel(resource.type)} · {resource.id}
                    </span>
                  </Item>
                ))}
              </Command.Group>
            ) : null}
            <Command.Group heading="Go to" className={groupClasses}>
              {pages.map((item) => {
                const Icon = item.icon;
                return (
                  <Item
                    key={item.href}
                    value={`Go to ${item.title}`}
                    onSelect={() => go(item.href)}
                  >
                    <Icon aria-hidden="true" />
                    {item.title}
                  </Item>
                );
              })}
            </Command.Group>
            <Command.Group heading="Actions" className={groupClasses}>
              {can("keys:write") ? (
                <Item
                  value="Create an API key"
                  keywords={["new", "secret", "token"]}
                  onSelect={() => go(`/dashboard/settings/api-keys?${CREATE_PARAM}=1`)}
                >
                  <KeyRound aria-hidden="true" />
                  Create an API key
                </Item>
              ) : null}
              {can("resources:write") ? (
                <Item
                  value="Create a resource"
                  keywords={["new", "instance", "volume", "bucket", "network", "load balancer"]}
                  onSelect={() => go(`/dashboard/resources?${CREATE_PARAM}=1`)}
                >
                  <Plus aria-hidden="true" />
                  Create a resource
                </Item>
              ) : null}
              <Item
                value={environment === "test" ? "Switch to Live" : "Switch to Sandbox"}
                keywords={["environment", "test", "mode"]}
                onSelect={() => {
                  onOpenChange(false);
                  void selectEnvironment(environment === "test" ? "live" : "test");
                }}
              >
                {environment === "test" ? (
                  <Radio aria-hidden="true" />
                ) : (
                  <FlaskConical aria-hidden="true" />
                )}
                {environment === "test" ? "Switch to Live" : "Switch to Sandbox"}
              </Item>
            </Command.Group>
          </Command.List>
        </Command>
      </DialogContent>
    </Dialog>
  );
}
