"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Label,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

// The only module that imports recharts: it is loaded lazily in the browser (lazy-charts.tsx), so
// recharts never counts toward a page's first-load JavaScript.

export interface SeriesSpec {
  key: string;
  name: string;
  color: string;
}

export type ChartRow = Record<string, string | number | null>;

export interface TimeSeriesChartProps {
  kind: "stacked-bars" | "bars" | "lines";
  data: ChartRow[];
  /** The row field holding the x-axis label. */
  xKey?: string;
  series: SeriesSpec[];
  xLabel: string;
  yLabel: string;
  formatValue?: (value: number) => string;
}

const axisTick = { fill: "var(--muted-foreground)", fontSize: 12 };
const tooltipStyle = {
  background: "var(--popover)",
  border: "1px solid var(--border)",
  borderRadius: 6,
  color: "var(--popover-foreground)",
  fontSize: 12,
};

function Axes({
  xKey,
  xLabel,
  yLabel,
  formatValue,
}: Pick<TimeSeriesChartProps, "xLabel" | "yLabel" | "formatValue"> & { xKey: string }) {
  return (
    <>
      <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
      <XAxis dataKey={xKey} tick={axisTick} stroke="var(--border)" minTickGap={24} height={44}>
        <Label
          value={xLabel}
          position="insideBottom"
          offset={0}
          fill="var(--muted-foreground)"
          fontSize={12}
        />
      </XAxis>
      <YAxis
        tick={axisTick}
        stroke="var(--border)"
        width={64}
        allowDecimals={false}
        tickFormatter={formatValue ? (v: number) => formatValue(v) : undefined}
      >
        <Label
          value={yLabel}
          angle={-90}
          position="insideLeft"
          style={{ textAnchor: "middle" }}
          fill="var(--muted-foreground)"
          fontSize={12}
        />
      </YAxis>
      <Tooltip
        contentStyle={tooltipStyle}
        labelStyle={{ color: "var(--popover-foreground)", fontWeight: 600 }}
        itemStyle={{ color: "var(--popover-foreground)" }}
        cursor={{ fill: "var(--muted)", opacity: 0.5 }}
        formatter={formatValue ? (v) => formatValue(Number(v)) : undefined}
      />
      <Legend wrapperStyle={{ fontSize: 12, color: "var(--foreground)" }} />
    </>
  );
}

/** Bars (stacked or side by side) or lines over time or categories, themed by CSS variables. */
export function TimeSeriesChart({
  kind,
  data,
  xKey = "label",
  series,
  xLabel,
  yLabel,
  formatValue,
}: TimeSeriesChartProps) {
  const margin = { top: 8, right: 12, bottom: 4, left: 4 };
  return (
    <ResponsiveContainer width="100%" height="100%">
      {kind === "lines" ? (
        <LineChart data={data} margin={margin}>
          {Axes({ xKey, xLabel, yLabel, formatValue })}
          {series.map((s) => (
            <Line
              key={s.key}
              type="monotone"
              dataKey={s.key}
              name={s.name}
              stroke={s.color}
              strokeWidth={2}
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      ) : (
        <BarChart data={data} margin={margin}>
          {Axes({ xKey, xLabel, yLabel, formatValue })}
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.name}
              fill={s.color}
              stackId={kind === "stacked-bars" ? "stack" : undefined}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      )}
    </ResponsiveContainer>
  );
}
