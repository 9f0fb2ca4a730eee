import { toCsv } from "@/lib/http/csv";
import type { RequestPointDto, ResourcePointDto, UsageDto } from "@/lib/schemas/usage";

/** One row per series and bucket, the same figures as the JSON answer. */
export function usageCsv(usage: UsageDto): string {
  if (usage.metric === "resource_hours") {
    const rows: Array<Array<string | number | null>> = [
      ["series", "timestamp", "resource_hours", "storage_gb_hours"],
    ];
    for (const series of usage.series) {
      for (const point of series.points as ResourcePointDto[]) {
        rows.push([series.label, point.timestamp, point.resource_hours, point.storage_gb_hours]);
      }
    }
    return toCsv(rows);
  }
  const rows: Array<Array<string | number | null>> = [
    [
      "series",
      "timestamp",
      "requests",
      "status_2xx",
      "status_3xx",
      "status_4xx",
      "status_5xx",
      "throttled_429",
      "latency_p50_ms",
      "latency_p95_ms",
      "bytes_in",
      "bytes_out",
    ],
  ];
  for (const series of usage.series) {
    for (const point of series.points as RequestPointDto[]) {
      rows.push([
        series.label,
        point.timestamp,
        point.requests,
        point.status["2xx"],
        point.status["3xx"],
        point.status["4xx"],
        point.status["5xx"],
        point.throttled,
        point.latency_ms.p50,
        point.latency_ms.p95,
        point.bytes_in,
        point.bytes_out,
      ]);
    }
  }
  return toCsv(rows);
}
