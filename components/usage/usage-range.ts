// Client-safe: the usage page's filters as they live in the URL, and the API query they make.

export const RANGE_PRESETS = [
  { id: "24h", label: "24 hours", hours: 24, granularity: "hour" },
  { id: "7d", label: "7 days", hours: 24 * 7, granularity: "hour" },
  { id: "30d", label: "30 days", hours: 24 * 30, granularity: "day" },
] as const;

export type PresetId = (typeof RANGE_PRESETS)[number]["id"];
export type Granularity = "minute" | "hour" | "day";

export interface UsageFilters {
  range: PresetId | "custom";
  /** Custom range: first and last day (UTC, inclusive), `YYYY-MM-DD`. */
  from?: string;
  to?: string;
  /** A key id, or `portal` for members' dashboard traffic. */
  key?: string;
  /** `GET /v1/resources/:id` */
  route?: string;
}

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_CUSTOM_DAYS = 400;

export function readFilters(params: URLSearchParams): UsageFilters {
  const range = params.get("range");
  const filters: UsageFilters = {
    range:
      range === "custom" || RANGE_PRESETS.some((p) => p.id === range) ? (range as PresetId) : "24h",
  };
  const from = params.get("from");
  const to = params.get("to");
  if (filters.range === "custom") {
    if (from && DATE.test(from)) filters.from = from;
    if (to && DATE.test(to)) filters.to = to;
  }
  const key = params.get("key");
  if (key && /^(key_[A-Za-z0-9]{1,64}|portal)$/.test(key)) filters.key = key;
  const route = params.get("route");
  if (route && route.length <= 300) filters.route = route;
  return filters;
}

export function writeFilters(filters: UsageFilters): string {
  const params = new URLSearchParams();
  if (filters.range !== "24h") params.set("range", filters.range);
  if (filters.range === "custom") {
    if (filters.from) params.set("from", filters.from);
    if (filters.to) params.set("to", filters.to);
  }
  if (filters.key) params.set("key", filters.key);
  if (filters.route) params.set("route", filters.route);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** A custom range's problem in words, or null when it can be asked for. */
export function customRangeProblem(filters: UsageFilters): string | null {
  if (filters.range !== "custom") return null;
  if (!filters.from || !filters.to) return "Choose a first and a last day.";
  const from = Date.parse(`${filters.from}T00:00:00Z`);
  const to = Date.parse(`${filters.to}T00:00:00Z`);
  if (Number.isNaN(from) || Number.isNaN(to)) return "Choose valid dates.";
  if (to < from) return "The last day must not be before the first day.";
  if ((to - from) / DAY_MS + 1 > MAX_CUSTOM_DAYS) return `Choose at most ${MAX_CUSTOM_DAYS} days.`;
  return null;
}

export interface ResolvedRange {
  from: string;
  to: string;
  granularity: Granularity;
}

/** The absolute range to ask for now (presets end now; custom days are whole UTC days). */
export function resolveRange(filters: UsageFilters, now: number = Date.now()): ResolvedRange {
  if (filters.range === "custom" && filters.from && filters.to) {
    const from = Date.parse(`${filters.from}T00:00:00Z`);
    const to = Date.parse(`${filters.to}T00:00:00Z`) + DAY_MS;
    const days = (to - from) / DAY_MS;
    return {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      granularity: days <= 7 ? "hour" : "day",
    };
  }
  const preset = RANGE_PRESETS.find((p) => p.id === filters.range) ?? RANGE_PRESETS[0];
  return {
    from: new Date(now - preset.hours * 3_600_000).toISOString(),
    to: new Date(now).toISOString(),
    granularity: preset.granularity,
  };
}

/** The /v1/usage query string for a range, filters and an optional grouping. */
export function usageQuery(
  range: ResolvedRange,
  filters: UsageFilters,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams({
    from: range.from,
    to: range.to,
    granularity: range.granularity,
    ...extra,
  });
  if (filters.key) params.set("key_id", filters.key);
  if (filters.route) params.set("route", filters.route);
  return params.toString();
}
