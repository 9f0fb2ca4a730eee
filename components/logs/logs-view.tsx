"use client";

import { useSearchParams } from "next/navigation";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { NativeSelect } from "@/components/resources/native-select";
import { PageHeader } from "@/components/shell/page-header";
import { usePortalContext } from "@/components/shell/portal-context-provider";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ChevronRight } from "@/components/ui/icons/chevron-right";
import { FileText } from "@/components/ui/icons/file-text";
import { InlineAlert } from "@/components/ui/inline-alert";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { formatDateTime } from "@/lib/portal/format";
import { messageOf } from "@/lib/portal/proxy-client";
import type { RequestLogDto } from "@/lib/schemas/request-logs";
import { LogDetail } from "./log-detail";
import {
  LOG_FILTER_NAMES,
  type LogFilters,
  logFiltersFromParams,
  paramsOfLogFilters,
} from "./log-filters";
import { StatusBadge } from "./status-badge";
import { useRequestLogs } from "./use-request-logs";

const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"];
const STATUSES = ["2xx", "4xx", "5xx", "400", "401", "403", "404", "409", "422", "429"];
const TEXT_FILTERS = [
  { name: "path", label: "Path starts with", placeholder: "/v1/resources" },
  { name: "api_key_id", label: "API key id", placeholder: "key_..." },
  { name: "request_id", label: "Request id", placeholder: "req_..." },
  { name: "ip", label: "Client IP", placeholder: "203.0.113.7" },
] as const;

/** Changes the URL from what it is now; Next keeps useSearchParams in step with the History API. */
function updateUrl(patch: LogFilters | null, mode: "push" | "replace" = "replace") {
  const live = logFiltersFromParams(new URLSearchParams(window.location.search));
  const next = patch === null ? {} : { ...live, ...patch };
  const url = `${window.location.pathname}${paramsOfLogFilters(next)}`;
  if (mode === "push") window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}

const timeOf = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false,
  });

/**
 * Ids that arrived since the first page was first shown, so the table can mark them as new.
 * The first answer marks nothing: everything in it was there when the page opened.
 */
function useFreshIds(rows: readonly RequestLogDto[], key: string): ReadonlySet<string> {
  const seen = useRef<{ key: string; ids: Set<string> } | null>(null);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    if (rows.length === 0 && !seen.current) return;
    if (!seen.current || seen.current.key !== key) {
      seen.current = { key, ids: new Set(rows.map((r) => r.id)) };
      setFresh(new Set());
      return;
    }
    const known = seen.current.ids;
    const arrived = rows.filter((r) => !known.has(r.id)).map((r) => r.id);
    for (const id of arrived) known.add(id);
    if (arrived.length > 0) setFresh(new Set(arrived));
  }, [rows, key]);
  return fresh;
}

/** /dashboard/logs: every API request of this project and environment, newest first. */
export function LogsView() {
  const paramText = useSearchParams()?.toString() ?? "";
  const filters = logFiltersFromParams(new URLSearchParams(paramText));
  const { project, environment } = usePortalContext();
  const [live, setLive] = useState(true);
  const list = useRequestLogs(filters, live);
  const rows = list.data?.data ?? [];
  const listKey = LOG_FILTER_NAMES.map((n) => filters[n] ?? "").join("|") + (filters.cursor ?? "");
  const fresh = useFreshIds(rows, listKey);
  const [previous, setPrevious] = useState<string[]>([]);
  const formId = useId();
  const filtered = LOG_FILTER_NAMES.some((n) => filters[n]);

  const change = (patch: LogFilters) => {
    setPrevious([]);
    updateUrl({ ...patch, cursor: undefined });
  };
  const applyText = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const patch: LogFilters = {};
    for (const f of TEXT_FILTERS)
      patch[f.name] = String(data.get(f.name) ?? "").trim() || undefined;
    change(patch);
  };

  return (
    <>
      <PageHeader
        title="Request logs"
        description={`Every API request of ${project.name} in ${environment === "test" ? "Sandbox" : "Live"}, newest first.`}
        actions={
          <Button
            variant="outline"
            size="sm"
            onClick={() => setLive(!live)}
            aria-pressed={live}
            data-testid="logs-live"
          >
            {live ? "Live: on" : "Live: paused"}
          </Button>
        }
      />
      <search aria-label="Filter request logs" className="mb-4 grid gap-3">
        <div className="flex flex-wrap items-end gap-3">
          <div className="grid gap-1">
            <Label htmlFor={`${formId}-method`} className="text-muted-foreground text-xs">
              Method
            </Label>
            <NativeSelect
              id={`${formId}-method`}
              value={filters.method ?? ""}
              onChange={(e) => change({ method: e.target.value || undefined })}
              className="min-w-28"
            >
              <option value="">All</option>
              {METHODS.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="grid gap-1">
            <Label htmlFor={`${formId}-status`} className="text-muted-foreground text-xs">
              Status
            </Label>
            <NativeSelect
              id={`${formId}-status`}
              value={filters.status ?? ""}
              onChange={(e) => change({ status: e.target.value || undefined })}
              className="min-w-28"
            >
              <option value="">All</option>
              {[...new Set([...STATUSES, ...(filters.status ? [filters.status] : [])])].map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </NativeSelect>
          </div>
          {filters.route ? (
            <p className="flex items-center gap-2 text-sm" data-testid="logs-route-filter">
              Endpoint <code className="font-mono text-[13px]">{filters.route}</code>
              <Button variant="ghost" size="sm" onClick={() => change({ route: undefined })}>
                Remove
              </Button>
            </p>
          ) : null}
        </div>
        <form
          key={TEXT_FILTERS.map((f) => filters[f.name] ?? "").join("|")}
          onSubmit={applyText}
          className="flex flex-wrap items-end gap-3"
        >
          {TEXT_FILTERS.map((f) => (
            <div key={f.name} className="grid min-w-44 flex-1 gap-1">
              <Label htmlFor={`${formId}-${f.name}`} className="text-muted-foreground text-xs">
                {f.label}
              </Label>
              <Input
                id={`${formId}-${f.name}`}
                name={f.name}
                defaultValue={filters[f.name] ?? ""}
                placeholder={f.placeholder}
                spellCheck={false}
                autoComplete="off"
              />
            </div>
          ))}
          <Button type="submit" variant="outline">
            Apply
          </Button>
          {filtered ? (
            <Button
              type="button"
              variant="ghost"
              onClick={() => {
                setPrevious([]);
                updateUrl(
                  filters.request
                    ? { ...emptyFilters(), cursor: undefined, request: filters.request }
                    : null,
                );
              }}
            >
              Clear filters
            </Button>
          ) : null}
        </form>
      </search>

      <div className={filters.request ? "grid gap-4 lg:grid-cols-[minmax(0,1fr)_26rem]" : ""}>
        <div>
          {list.isPending ? (
            <div className="grid gap-2" role="status" aria-label="Loading request logs">
              <Skeleton className="h-10" />
              <Skeleton className="h-10" />
              <Skeleton className="h-10" />
            </div>
          ) : list.isError ? (
            <InlineAlert title="Could not load the request logs">
              {messageOf(list.error)}
            </InlineAlert>
          ) : rows.length === 0 ? (
            <EmptyState
              icon={<FileText />}
              title={filtered ? "No requests match these filters" : "No requests yet"}
              description={
                filtered
                  ? "Change or clear the filters to see more."
                  : "Requests made with an API key, or by members here, show up within seconds."
              }
            />
          ) : (
            <div className="rounded-lg border">
              <Table aria-label="Request logs" aria-busy={list.isFetching || undefined}>
                <TableHeader>
                  <TableRow>
                    <TableHead>Time</TableHead>
                    <TableHead>Status</TableHead>
                    <TableHead>Method</TableHead>
                    <TableHead>Path</TableHead>
                    <TableHead className="text-right">Duration</TableHead>
                    <TableHead>Caller</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {rows.map((entry) => (
                    <TableRow
                      key={entry.id}
                      data-testid="log-row"
                      data-request-id={entry.id}
                      data-fresh={fresh.has(entry.id) || undefined}
                      data-state={filters.request === entry.id ? "selected" : undefined}
                      className={
                        fresh.has(entry.id)
                          ? "bg-primary-muted/40 transition-colors duration-1000"
                          : undefined
                      }
                    >
                      <TableCell className="whitespace-nowrap">
                        <time dateTime={entry.created_at} title={formatDateTime(entry.created_at)}>
                          {timeOf(entry.created_at)}
                        </time>
                      </TableCell>
                      <TableCell>
                        <StatusBadge status={entry.status} />
                      </TableCell>
                      <TableCell className="font-mono text-[13px]">{entry.method}</TableCell>
                      <TableCell className="max-w-96">
                        <button
                          type="button"
                          className="block max-w-full truncate text-left font-mono text-[13px] underline-offset-4 hover:underline"
                          onClick={() => updateUrl({ request: entry.id }, "push")}
                          title={`Details of ${entry.id}`}
                        >
                          {entry.path}
                        </button>
                      </TableCell>
                      <TableCell className="text-right tabular-nums">
                        {entry.duration_ms.toFixed(1)} ms
                      </TableCell>
                      <TableCell className="max-w-48 truncate text-muted-foreground text-sm">
                        {entry.api_key ? (
                          <code className="font-mono text-[13px]">{entry.api_key.id}</code>
                        ) : (
                          (entry.member?.email ?? "–")
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              <nav
                aria-label="Pagination"
                className="flex flex-wrap items-center justify-between gap-3 border-t px-4 py-2.5 text-sm"
              >
                <p className="text-muted-foreground" data-testid="logs-count">
                  {rows.length} shown of {list.data?.meta.total_capped ? "over " : ""}
                  {list.data?.meta.total ?? 0}
                  {live && !filters.cursor ? " · new requests appear as they come" : ""}
                </p>
                <div className="flex items-center gap-2">
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
                    {filters.cursor && previous.length === 0 ? "Newest" : "Newer"}
                  </Button>
                  <Button
                    variant="outline"
                    size="sm"
                    disabled={!list.data?.meta.next_cursor}
                    onClick={() => {
                      const next = list.data?.meta.next_cursor;
                      if (!next) return;
                      setPrevious([...previous, filters.cursor ?? ""]);
                      updateUrl({ cursor: next }, "push");
                    }}
                  >
                    Older
                    <ChevronRight aria-hidden="true" />
                  </Button>
                </div>
              </nav>
            </div>
          )}
        </div>
        {filters.request ? (
          <LogDetail
            key={filters.request}
            requestId={filters.request}
            onClose={() => updateUrl({ request: undefined })}
          />
        ) : null}
      </div>
    </>
  );
}

function emptyFilters(): LogFilters {
  return Object.fromEntries(LOG_FILTER_NAMES.map((n) => [n, undefined]));
}
