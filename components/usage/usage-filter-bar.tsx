"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FilterX } from "@/components/ui/icons/filter-x";
import { controlClasses, Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";
import { RANGE_PRESETS, type UsageFilters } from "./usage-range";

const ALL = "__all";

export interface FilterOption {
  value: string;
  label: string;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/** Range presets, a custom range and key/route filters; every choice lives in the URL. */
export function UsageFilterBar({
  filters,
  onChange,
  keyOptions,
  routeOptions,
}: {
  filters: UsageFilters;
  onChange: (next: UsageFilters) => void;
  keyOptions: FilterOption[];
  routeOptions: FilterOption[];
}) {
  const keys = withCurrent(keyOptions, filters.key);
  const routes = withCurrent(routeOptions, filters.route);
  const filtered = Boolean(filters.key || filters.route);
  return (
    <div className="mb-6 flex flex-wrap items-end gap-3" data-testid="usage-filters">
      <fieldset className="grid gap-1.5">
        <legend className="mb-1.5 font-medium text-sm">Range</legend>
        <div className="inline-flex rounded-md border bg-muted p-0.5">
          {[
            ...RANGE_PRESETS.map((p) => ({ id: p.id, label: p.label })),
            { id: "custom" as const, label: "Custom" },
          ].map((preset) => {
            const active = filters.range === preset.id;
            return (
              <button
                key={preset.id}
                type="button"
                aria-pressed={active}
                onClick={() =>
                  onChange(
                    preset.id === "custom"
                      ? {
                          ...filters,
                          range: "custom",
                          from: filters.from ?? daysAgo(6),
                          to: filters.to ?? today(),
                        }
                      : { ...filters, range: preset.id, from: undefined, to: undefined },
                  )
                }
                className={
                  active
                    ? "h-7 rounded-sm bg-background px-2.5 font-medium text-foreground text-sm shadow-xs"
                    : "h-7 rounded-sm px-2.5 text-muted-foreground text-sm hover:text-foreground"
                }
              >
                {preset.label}
              </button>
            );
          })}
        </div>
      </fieldset>
      {filters.range === "custom" ? (
        <>
          <Field label="First day (UTC)" className="w-40">
            <Input
              type="date"
              value={filters.from ?? ""}
              max={today()}
              // Today's date may turn over between the server's render and the browser's.
              suppressHydrationWarning
              onChange={(e) => onChange({ ...filters, from: e.target.value || undefined })}
            />
          </Field>
          <Field label="Last day (UTC)" className="w-40">
            <Input
              type="date"
              value={filters.to ?? ""}
              max={today()}
              // Today's date may turn over between the server's render and the browser's.
              suppressHydrationWarning
              onChange={(e) => onChange({ ...filters, to: e.target.value || undefined })}
            />
          </Field>
        </>
      ) : null}
      <div className="grid gap-1.5 w-60">
        <Label htmlFor="usage-key-filter">Key</Label>
        <select
          id="usage-key-filter"
          data-testid="usage-key-filter"
          className={cn(controlClasses, "h-9")}
          value={filters.key ?? ALL}
          onChange={(e) =>
            onChange({ ...filters, key: e.target.value === ALL ? undefined : e.target.value })
          }
        >
          <option value={ALL}>All keys</option>
          {keys.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="grid gap-1.5 w-72">
        <Label htmlFor="usage-route-filter">Route</Label>
        <select
          id="usage-route-filter"
          data-testid="usage-route-filter"
          className={cn(controlClasses, "h-9")}
          value={filters.route ?? ALL}
          onChange={(e) =>
            onChange({ ...filters, route: e.target.value === ALL ? undefined : e.target.value })
          }
        >
          <option value={ALL}>All routes</option>
          {routes.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      {filtered ? (
        <Button
          variant="ghost"
          size="sm"
          onClick={() => onChange({ ...filters, key: undefined, route: undefined })}
        >
          <FilterX aria-hidden="true" />
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}

/** The options, plus the current choice when the breakdown does not list it (no traffic yet). */
function withCurrent(options: FilterOption[], current: string | undefined): FilterOption[] {
  const real = options.filter((o) => o.value !== "other");
  if (!current || real.some((o) => o.value === current)) return real;
  return [
    ...real,
    { value: current, label: current === "portal" ? "Dashboard (members)" : current },
  ];
}
