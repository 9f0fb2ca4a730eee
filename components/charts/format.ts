// Client-safe number and time formatting for usage, billing and rate-limit views (UTC always).

const integer = new Intl.NumberFormat("en-US");
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const decimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 4 });

export const formatInteger = (value: number) => integer.format(value);
export const formatCompact = (value: number) => compact.format(value);
export const formatDecimal = (value: number) => decimal.format(value);
/** Integer cents as dollars: 123456 -> "$1,234.56". */
export const formatCents = (cents: number) => usd.format(cents / 100);
export const formatMs = (ms: number | null) =>
  ms === null
    ? "–"
    : ms >= 1000
      ? `${(ms / 1000).toFixed(2)} s`
      : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;

const hourLabel = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});
const minuteLabel = new Intl.DateTimeFormat("en-US", {
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});
const dayLabel = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  timeZone: "UTC",
});

/** A bucket's start as an axis label for its granularity (UTC, the same in every browser). */
export function formatBucket(iso: string, granularity: "minute" | "hour" | "day"): string {
  const date = new Date(iso);
  if (granularity === "day") return dayLabel.format(date);
  if (granularity === "minute") return minuteLabel.format(date);
  return hourLabel.format(date);
}

/** Status-class colours: readable on both themes (the --chart-* tokens switch with .dark). */
export const STATUS_COLORS = {
  "2xx": "var(--chart-3)",
  "3xx": "var(--chart-2)",
  "4xx": "var(--chart-4)",
  "5xx": "var(--destructive)",
} as const;
export const STATUS_CLASSES = ["2xx", "3xx", "4xx", "5xx"] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];
