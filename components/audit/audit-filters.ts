import {
  AUDIT_ACTION_LIST_PATTERN,
  AUDIT_ACTOR_ID_PATTERN,
  AUDIT_OUTCOMES,
  MAX_AUDIT_ACTION_LIST_LENGTH,
} from "@/lib/catalog/audit";
import { OBJECT_ID_PATTERN } from "@/lib/catalog/events";
import { PROXY_BASE } from "@/lib/portal/proxy-protocol";

// The audit log page's URL: ?actor_id=&action=&target_id=&outcome=&occurred_gte=&occurred_lte=
// (shareable, kept on reload) plus ?entry= for the entry open in the drawer. The same filters
// build the API path of the table and of the CSV export, so the export is what the table shows.

export const AUDIT_FILTER_NAMES = [
  "actor_id",
  "action",
  "target_id",
  "outcome",
  "occurred_gte",
  "occurred_lte",
] as const;
export type AuditFilterName = (typeof AUDIT_FILTER_NAMES)[number];
export type AuditFilters = Partial<Record<AuditFilterName, string>>;

export interface FilterProblem {
  name: AuditFilterName | "entry";
  message: string;
}

export interface AuditUrlState {
  /** The valid filters; a malformed one is left out (and named in `problems`). */
  filters: AuditFilters;
  problems: FilterProblem[];
  /** The entry open in the drawer. */
  entry?: string;
}

type Params = { get(name: string): string | null };

/** An API timestamp: ISO 8601 with seconds and a zone (as the API's schema wants). */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const ENTRY_ID = /^aud_[A-Za-z0-9]{1,64}$/;

const isTimestamp = (value: string) => TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));

/** Spaces around the commas of an action list are forgiven (member.*, api_key.created). */
export function normaliseActions(value: string): string {
  return value
    .split(",")
    .map((a) => a.trim())
    .filter((a) => a !== "")
    .join(",");
}

/** Why a filter's value would be refused, in the words the page shows; null when it is fine. */
export function filterProblem(name: AuditFilterName, value: string): string | null {
  switch (name) {
    case "actor_id":
      return AUDIT_ACTOR_ID_PATTERN.test(value)
        ? null
        : "An actor is an id such as usr_7Hq2Lm or key_4Kd9 (or an operator's name).";
    case "action":
      if (value.length > MAX_AUDIT_ACTION_LIST_LENGTH) {
        return `At most ${MAX_AUDIT_ACTION_LIST_LENGTH} characters of actions.`;
      }
      return AUDIT_ACTION_LIST_PATTERN.test(value)
        ? null
        : "Actions look like api_key.created or a family such as member.*, separated by commas.";
    case "target_id":
      return OBJECT_ID_PATTERN.test(value)
        ? null
        : "A target is an id such as key_7Hq2Lm or mem_4Kd9 (a prefix, an underscore, letters and digits).";
    case "outcome":
      return (AUDIT_OUTCOMES as readonly string[]).includes(value)
        ? null
        : "The outcome is success or denied.";
    case "occurred_gte":
    case "occurred_lte":
      return isTimestamp(value)
        ? null
        : "A time is ISO 8601 with a zone, such as 2026-05-04T10:00:00Z.";
  }
}

/** The problem of a range whose start is after its end; null when it is fine. */
export function rangeProblem(filters: AuditFilters): string | null {
  const { occurred_gte: from, occurred_lte: to } = filters;
  if (!from || !to) return null;
  return Date.parse(from) > Date.parse(to) ? "The start of the range is after its end." : null;
}

export function auditUrlState(params: Params): AuditUrlState {
  const filters: AuditFilters = {};
  const problems: FilterProblem[] = [];
  for (const name of AUDIT_FILTER_NAMES) {
    const raw = params.get(name)?.trim();
    if (!raw) continue;
    const value = name === "action" ? normaliseActions(raw) : raw;
    const problem = filterProblem(name, value);
    if (problem) problems.push({ name, message: problem });
    else filters[name] = value;
  }
  const range = rangeProblem(filters);
  if (range) {
    problems.push({ name: "occurred_lte", message: range });
    delete filters.occurred_gte;
    delete filters.occurred_lte;
  }
  const state: AuditUrlState = { filters, problems };
  const entry = params.get("entry")?.trim();
  if (entry && ENTRY_ID.test(entry)) state.entry = entry;
  else if (entry) problems.push({ name: "entry", message: "An entry id looks like aud_7Hq2Lm." });
  return state;
}

function paramsOf(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of AUDIT_FILTER_NAMES) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  return params;
}

/** The page's own query string ("" without filters), with the open entry if any. */
export function auditPageSearch(filters: AuditFilters, entry?: string): string {
  const params = paramsOf(filters);
  if (entry) params.set("entry", entry);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** How many entries the table loads at a time. */
export const AUDIT_PAGE_SIZE = 50;

/** One page of the list in cursor mode (the first page without a cursor). */
export function auditListPath(filters: AuditFilters, cursor?: string): `/v1/${string}` {
  const params = paramsOf(filters);
  params.set("limit", String(AUDIT_PAGE_SIZE));
  if (cursor) params.set("cursor", cursor);
  return `/v1/audit-logs?${params.toString()}`;
}

export function auditEntryPath(id: string): `/v1/${string}` {
  return `/v1/audit-logs/${encodeURIComponent(id)}`;
}

/** The CSV download of everything the filters match, through the portal's proxy. */
export function auditCsvHref(filters: AuditFilters): string {
  const params = paramsOf(filters);
  params.set("format", "csv");
  return `${PROXY_BASE}/v1/audit-logs?${params.toString()}`;
}

/** A datetime-local input's value (UTC, as the portal shows every time) from an API timestamp. */
export function toUtcInput(iso: string | undefined): string {
  if (!iso) return "";
  const at = Date.parse(iso);
  return Number.isNaN(at) ? "" : new Date(at).toISOString().slice(0, 16);
}

/**
 * An API timestamp from a datetime-local input read as UTC; undefined when empty or invalid. A
 * range's end given to the minute takes in that whole minute (10:05 reaches 10:05:59.999).
 */
export function fromUtcInput(value: string, edge: "start" | "end" = "start"): string | undefined {
  const text = value.trim();
  if (!text) return undefined;
  const toMinute = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text);
  const at = Date.parse(`${toMinute ? `${text}:00` : text}Z`);
  if (Number.isNaN(at)) return undefined;
  return new Date(toMinute && edge === "end" ? at + 59_999 : at).toISOString();
}
