"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useCreateParam } from "@/components/command-palette/use-create-param";
import { PageHeader } from "@/components/shell/page-header";
import { useCan, usePortalContext } from "@/components/shell/portal-context-provider";
import { AppLink } from "@/components/ui/app-link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Boxes } from "@/components/ui/icons/boxes";
import { ChevronLeft } from "@/components/ui/icons/chevron-left";
import { ChevronRight } from "@/components/ui/icons/chevron-right";
import { Plus } from "@/components/ui/icons/plus";
import { Search } from "@/components/ui/icons/search";
import { InlineAlert } from "@/components/ui/inline-alert";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { lazyClient } from "@/components/ui/lazy-client";
import { Skeleton } from "@/components/ui/skeleton";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { RESOURCE_TYPES, VISIBLE_STATUSES } from "@/lib/catalog/resources";
import { formatDateTime, formatRelative } from "@/lib/portal/format";
import { messageOf } from "@/lib/portal/proxy-client";
import type { ResourceFilters } from "@/lib/portal/query-keys";
import { NativeSelect } from "./native-select";
import { filtersFromParams, PAGE_SIZES, paramsOfFilters } from "./resource-filters";
import { typeLabel } from "./resource-labels";
import { ResourceStatus } from "./resource-status";
import { useRegions, useResourceList } from "./use-resources";

const loadCreate = () => import("./create-resource-dialog");
const CreateResourceDialog = lazyClient(() => loadCreate().then((m) => m.CreateResourceDialog));

/**
 * Changes the URL from what it is now (not from the last render: a debounced search and a
 * select change can overlap). Next keeps useSearchParams in step with the History API, without
 * a server round trip.
 */
function updateUrl(patch: Partial<ResourceFilters> | null, mode: "push" | "replace") {
  const live = filtersFromParams(new URLSearchParams(window.location.search));
  const next = patch === null ? { limit: live.limit } : { ...live, ...patch };
  const url = `${window.location.pathname}${paramsOfFilters(next)}`;
  if (mode === "push") window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}

function FilterSelect({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  options: Array<{ value: string; label: string }>;
}) {
  const id = useId();
  return (
    <div className="grid gap-1">
      <Label htmlFor={id} className="text-muted-foreground text-xs">
        {label}
      </Label>
      <NativeSelect
        id={id}
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value || undefined)}
        className="min-w-36"
      >
        <option value="">All</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}

/** /dashboard/resources: filters and pages live in the URL, so a view can be shared. */
export function ResourcesView() {
  const paramText = useSearchParams()?.toString() ?? "";
  const filters = filtersFromParams(new URLSearchParams(paramText));
  const { environment } = usePortalContext();
  const canWrite = useCan("resources:write");
  const list = useResourceList(filters);
  const regions = useRegions();
  const [creating, setCreating] = useState(false);
  useCreateParam(
    canWrite,
    useCallback(() => setCreating(true), []),
  );
  const [search, setSearch] = useState(filters.q ?? "");
  // Cursors of the pages before this one, so "Previous" can go back (a shared link starts fresh).
  const [previous, setPrevious] = useState<string[]>([]);
  const searchId = useId();

  const change = (next: Partial<ResourceFilters>) => {
    setPrevious([]);
    updateUrl({ ...next, cursor: undefined }, "replace");
  };

  // Back/forward (or a cleared filter) changes q under the input: follow it, but never while
  // the text only differs by what the debounce has not sent yet.
  const searchRef = useRef(search);
  searchRef.current = search;
  useEffect(() => {
    if ((filters.q ?? "") !== searchRef.current.trim()) setSearch(filters.q ?? "");
  }, [filters.q]);

  useEffect(() => {
    const current = filtersFromParams(new URLSearchParams(paramText));
    const q = search.trim() || undefined;
    if (q === current.q) return;
    const timer = setTimeout(() => {
      setPrevious([]);
      updateUrl({ q, cursor: undefined }, "replace");
    }, 300);
    return () => clearTimeout(timer);
  }, [search, paramText]);

  const page = list.data;
  const rows = page?.data ?? [];
  const filtered = Boolean(filters.type || filters.status || filters.region || filters.q);
  const createButton = canWrite ? (
    <Button onPointerEnter={() => void loadCreate()} onClick={() => setCreating(true)}>
      <Plus aria-hidden="true" />
      Create resource
    </Button>
  ) : null;

  return (
    <>
      <PageHeader
        title="Resources"
        description={`Instances, volumes, buckets, networks and load balancers in ${environment === "test" ? "Sandbox" : "Live"}.`}
        actions={createButton}
      />
      <search className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter resources">
        <div className="grid min-w-56 flex-1 gap-1">
          <Label htmlFor={searchId} className="text-muted-foreground text-xs">
            Name
          </Label>
          <div className="relative">
            <Search
              className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-muted-foreground"
              aria-hidden="true"
            />
            <Input
              id={searchId}
              type="search"
              placeholder="Search by name"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              className="pl-8"
            />
          </div>
        </div>
        <FilterSelect
          label="Type"
          value={filters.type}
          onChange={(type) => change({ type })}
          options={RESOURCE_TYPES.map((t) => ({ value: t, label: typeLabel(t) }))}
        />
        <FilterSelect
          label="Status"
          value={filters.status}
          onChange={(status) => change({ status })}
          options={VISIBLE_STATUSES.map((s) => ({ value: s, label: s }))}
        />
        <FilterSelect
          label="Region"
          value={filters.region}
          onChange={(region) => change({ region })}
          options={(regions.data?.data ?? []).map((r) => ({ value: r.slug, label: r.slug }))}
        />
      </search>

      {list.isPending ? (
        <div className="grid gap-2" role="status" aria-label="Loading resources">
          <Skeleton className="h-10" />
          <Skeleton className="h-10" />
          <Skeleton className="h-10" />
        </div>
      ) : list.isError ? (
        <InlineAlert title="Could not load resources">{messageOf(list.error)}</InlineAlert>
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<Boxes />}
          title={filtered ? "No resources match these filters" : "No resources yet"}
          description={
            filtered
              ? "Change or clear the filters to see more."
              : canWrite
                ? "Create an instance, volume, bucket, network or load balancer. It is ready a few seconds after you create it."
                : "Resources created by your team will appear here."
          }
          action={
            filtered ? (
              <Button
                variant="outline"
                onClick={() => {
                  setSearch("");
                  setPrevious([]);
                  updateUrl(null, "replace");
                }}
              >
                Clear filters
              </Button>
            ) : (
              createButton
            )
          }
        />
      ) : (
        <div className="rounded-lg border">
          <Table aria-label="Resources" aria-busy={list.isFetching || undefined}>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Type</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Region</TableHead>
                <TableHead>ID</TableHead>
                <TableHead>Created</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((resource) => (
                <TableRow
                  key={resource.id}
                  data-testid="resource-row"
                  data-resource-id={resource.id}
                >
                  <TableCell className="font-medium">
                    <AppLink
                      href={`/dashboard/resources/${resource.id}`}
                      className="underline-offset-4 hover:underline"
                    >
                      {resource.name}
                    </AppLink>
                  </TableCell>
                  <TableCell>{typeLabel(resource.type)}</TableCell>
                  <TableCell>
                    <ResourceStatus status={resource.status} />
                  </TableCell>
                  <TableCell>{resource.region}</TableCell>
                  <TableCell>
                    <code className="font-mono text-muted-foreground text-xs">{resource.id}</code>
                  </TableCell>
                  <TableCell className="whitespace-nowrap">
                    <time
                      dateTime={resource.created_at}
                      title={formatDateTime(resource.created_at)}
                      suppressHydrationWarning
                    >
                      {formatRelative(resource.created_at)}
                    </time>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <nav
            aria-label="Pagination"
            className="flex flex-wrap items-center justify-between gap-3 border-t px-4 py-2.5 text-sm"
          >
            <p className="text-muted-foreground" data-testid="resource-count">
              {rows.length} shown of {page?.meta.total ?? 0}
            </p>
            <div className="flex items-center gap-2">
              <Label htmlFor={`${searchId}-size`} className="text-muted-foreground text-xs">
                Per page
              </Label>
              <NativeSelect
                id={`${searchId}-size`}
                value={filters.limit ?? "25"}
                onChange={(e) =>
                  change({ limit: e.target.value === "25" ? undefined : e.target.value })
                }
                className="h-8 w-24"
              >
                {PAGE_SIZES.map((size) => (
                  <option key={size} value={size}>
                    {size}
                  </option>
                ))}
              </NativeSelect>
              <Button
                variant="outline"
                size="sm"
                disabled={!filters.cursor}
                onClick={() => {
                  const stack = [...previous];
                  const back = stack.pop();
                  setPrevious(stack);
                  updateUrl({ cursor: back || undefined }, "push");
                }}
              >
                <ChevronLeft aria-hidden="true" />
                {filters.cursor && previous.length === 0 ? "First page" : "Previous"}
              </Button>
              <Button
                variant="outline"
                size="sm"
                disabled={!page?.meta.next_cursor}
                onClick={() => {
                  const next = page?.meta.next_cursor;
                  if (!next) return;
                  setPrevious([...previous, filters.cursor ?? ""]);
                  updateUrl({ cursor: next }, "push");
                }}
              >
                Next
                <ChevronRight aria-hidden="true" />
              </Button>
            </div>
          </nav>
        </div>
      )}
      {creating ? <CreateResourceDialog open={creating} onOpenChange={setCreating} /> : null}
    </>
  );
}
