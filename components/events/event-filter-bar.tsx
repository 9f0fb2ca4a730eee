"use client";

import { useEffect, useId, useState } from "react";
import { NativeSelect } from "@/components/resources/native-select";
import { Button } from "@/components/ui/button";
import { FilterX } from "@/components/ui/icons/filter-x";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { EventFilters } from "@/lib/portal/query-keys";
import { eventFilterSearch, eventFiltersFromParams, isObjectId } from "./event-filters";

/** Changes the URL from what it is now; Next keeps useSearchParams in step with it. */
export function updateEventUrl(patch: EventFilters | null): void {
  const current = eventFiltersFromParams(new URLSearchParams(window.location.search));
  const next = patch === null ? {} : { ...current, ...patch };
  const clean: EventFilters = {};
  if (next.type) clean.type = next.type;
  if (next.object_id) clean.object_id = next.object_id;
  window.history.replaceState(null, "", `${window.location.pathname}${eventFilterSearch(clean)}`);
}

/** Exact types, and a family (`resource.*`) for each prefix that has more than one. */
function typeOptions(types: readonly string[], current: string | undefined) {
  const families = new Map<string, number>();
  for (const type of types) {
    const family = type.split(".")[0] ?? type;
    families.set(family, (families.get(family) ?? 0) + 1);
  }
  const options = [
    ...[...families]
      .filter(([, n]) => n > 1)
      .map(([family]) => ({ value: `${family}.*`, label: `${family}.* (all)` })),
    ...types.map((type) => ({ value: type, label: type })),
  ];
  if (current && !options.some((o) => o.value === current)) {
    options.unshift({ value: current, label: current });
  }
  return options;
}

export function EventFilterBar({
  filters,
  types,
}: {
  filters: EventFilters;
  types: readonly string[];
}) {
  const typeId = useId();
  const objectId = useId();
  const hintId = useId();
  const [object, setObject] = useState(filters.object_id ?? "");
  // Back/forward or "Clear filters" changes the URL under the input: follow it.
  useEffect(() => setObject(filters.object_id ?? ""), [filters.object_id]);

  const typed = object.trim();
  const invalid = typed !== "" && !isObjectId(typed);
  useEffect(() => {
    if (invalid || typed === (filters.object_id ?? "")) return;
    const timer = setTimeout(() => updateEventUrl({ object_id: typed || undefined }), 300);
    return () => clearTimeout(timer);
  }, [typed, invalid, filters.object_id]);

  const filtered = Boolean(filters.type || filters.object_id);
  return (
    <search className="mb-4 flex flex-wrap items-start gap-3" aria-label="Filter events">
      <div className="grid gap-1">
        <Label htmlFor={typeId} className="text-muted-foreground text-xs">
          Type
        </Label>
        <NativeSelect
          id={typeId}
          value={filters.type ?? ""}
          onChange={(e) => updateEventUrl({ type: e.target.value || undefined })}
          className="min-w-48"
        >
          <option value="">All types</option>
          {typeOptions(types, filters.type).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid min-w-56 flex-1 gap-1 sm:max-w-80">
        <Label htmlFor={objectId} className="text-muted-foreground text-xs">
          Object ID
        </Label>
        <Input
          id={objectId}
          value={object}
          placeholder="res_..."
          spellCheck={false}
          autoComplete="off"
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? hintId : undefined}
          onChange={(e) => setObject(e.target.value)}
          className="font-mono"
        />
        {invalid ? (
          <p id={hintId} className="text-destructive text-xs">
            An object ID looks like res_7Hq2Lm or we_4Kd9 (a prefix, an underscore, letters and
            digits).
          </p>
        ) : null}
      </div>
      {filtered ? (
        <Button variant="ghost" className="mt-5" onClick={() => updateEventUrl(null)}>
          <FilterX aria-hidden="true" />
          Clear filters
        </Button>
      ) : null}
    </search>
  );
}
