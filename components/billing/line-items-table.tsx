import { DataTable } from "@/components/charts/data-table";
import { formatCents, formatDecimal } from "@/components/charts/format";
import type { LineItemDto } from "@/lib/schemas/billing";

const SERVICE_NAMES: Record<string, string> = {
  platform: "Plan",
  api: "API",
  compute: "Compute",
  storage: "Storage",
  network: "Network",
};

export const serviceName = (service: string) => SERVICE_NAMES[service] ?? service;

function unitPrice(line: LineItemDto): string {
  const per =
    line.unit_quantity === 1
      ? line.unit
      : `${line.unit_quantity.toLocaleString("en-US")} ${line.unit}s`;
  return `${formatCents(line.unit_amount_cents)} / ${per}`;
}

/** Line items with their arithmetic in view: quantity, included, unit price, amount. */
export function LineItemsTable({
  lines,
  caption,
  totalCents,
  testId,
}: {
  lines: LineItemDto[];
  caption: string;
  totalCents: number;
  testId?: string;
}) {
  const rows = [...lines.map((line, i) => ({ id: String(i), line })), { id: "total", line: null }];
  return (
    <DataTable
      caption={caption}
      testId={testId}
      rows={rows}
      rowKey={(r) => r.id}
      columns={[
        {
          header: "Service",
          cell: (r) => (r.line ? serviceName(r.line.service) : <strong>Total</strong>),
        },
        { header: "Item", cell: (r) => r.line?.description ?? "" },
        {
          header: "Quantity",
          cell: (r) =>
            r.line
              ? `${formatDecimal(r.line.quantity)} ${r.line.unit}${r.line.quantity === 1 ? "" : "s"}`
              : "",
          numeric: true,
        },
        {
          header: "Included",
          cell: (r) =>
            r.line && r.line.included_quantity > 0 ? formatDecimal(r.line.included_quantity) : "",
          numeric: true,
        },
        { header: "Unit price", cell: (r) => (r.line ? unitPrice(r.line) : ""), numeric: true },
        {
          header: "Amount",
          cell: (r) =>
            r.line ? (
              formatCents(r.line.amount_cents)
            ) : (
              <strong data-testid="line-items-total">{formatCents(totalCents)}</strong>
            ),
          numeric: true,
        },
      ]}
    />
  );
}
