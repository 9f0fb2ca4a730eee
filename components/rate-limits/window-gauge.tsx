"use client";

import { useEffect, useState } from "react";
import { formatInteger } from "@/components/charts/format";
import { cn } from "@/lib/utils";

/** Seconds until `resetAt` (Unix seconds), ticking every second between refreshes. */
function useCountdown(resetAt: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, Math.ceil(resetAt - now / 1000));
}

const RADIUS = 80;
const ARC = Math.PI * RADIUS;

/**
 * A half-circle gauge of the current window: used of limit. Assistive tech reads a native
 * <meter> with the numbers in words; colour is never the only signal.
 */
export function WindowGauge({
  label,
  used,
  limit,
  resetAt,
  size = "lg",
  testId,
}: {
  label: string;
  used: number;
  limit: number;
  resetAt: number;
  size?: "lg" | "sm";
  testId?: string;
}) {
  const seconds = useCountdown(resetAt);
  const shown = Math.min(used, limit);
  const ratio = limit > 0 ? shown / limit : 0;
  const over = used >= limit;
  const color = over ? "var(--destructive)" : ratio >= 0.8 ? "var(--warning)" : "var(--chart-1)";
  const remaining = Math.max(0, limit - used);
  return (
    <div
      data-testid={testId}
      data-used={used}
      data-limit={limit}
      className={cn("grid justify-items-center gap-1", size === "lg" ? "w-64" : "w-44")}
    >
      <meter
        className="sr-only"
        aria-label={label}
        min={0}
        max={limit}
        value={shown}
        aria-valuetext={`${formatInteger(used)} of ${formatInteger(limit)} requests used, ${formatInteger(remaining)} left, resets in ${seconds} seconds`}
      />
      <svg viewBox="0 0 200 112" className="w-full" aria-hidden="true">
        <path
          d="M 20 100 A 80 80 0 0 1 180 100"
          fill="none"
          stroke="var(--muted)"
          strokeWidth="16"
          strokeLinecap="round"
        />
        <path
          d="M 20 100 A 80 80 0 0 1 180 100"
          fill="none"
          stroke={color}
          strokeWidth="16"
          strokeLinecap="round"
          strokeDasharray={`${ARC * ratio} ${ARC}`}
          style={{ transition: "stroke-dasharray 400ms ease-out" }}
        />
        <text
          x="100"
          y="88"
          textAnchor="middle"
          fill="var(--foreground)"
          fontSize={size === "lg" ? 28 : 32}
          fontWeight={600}
        >
          {formatInteger(used)}
        </text>
        <text x="100" y="108" textAnchor="middle" fill="var(--muted-foreground)" fontSize="12">
          of {formatInteger(limit)} / min
        </text>
      </svg>
      <p className="text-muted-foreground text-xs">
        {over ? (
          <span className="font-medium text-destructive">Limit reached: requests answer 429</span>
        ) : (
          <>{formatInteger(remaining)} left</>
        )}
        {" · "}resets in {seconds} s
      </p>
    </div>
  );
}
