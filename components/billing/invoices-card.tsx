"use client";

import { useState } from "react";
import { DataTable } from "@/components/charts/data-table";
import { formatCents } from "@/components/charts/format";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Download } from "@/components/ui/icons/download";
import { FileText } from "@/components/ui/icons/file-text";
import { lazyClient } from "@/components/ui/lazy-client";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDate } from "@/lib/portal/format";
import type { InvoiceDto } from "@/lib/schemas/billing";
import { useInvoices } from "./use-billing";

const loadDialog = () => import("./invoice-dialog");
const InvoiceDialog = lazyClient(() => loadDialog().then((m) => m.InvoiceDialog));

const csvHref = (id: string) =>
  `/api/proxy/v1/billing/invoices/${encodeURIComponent(id)}?format=csv`;

function period(invoice: InvoiceDto): string {
  const last = new Date(Date.parse(invoice.period_end) - 1).toISOString();
  return `${formatDate(invoice.period_start)} – ${formatDate(last)}`;
}

/** Issued invoices (one per UTC month), each with its line items and a CSV download. */
export function InvoicesCard({ enabled }: { enabled: boolean }) {
  const invoices = useInvoices(enabled);
  const [open, setOpen] = useState<InvoiceDto | null>(null);
  const rows = invoices.data?.data ?? [];
  return (
    <Card data-testid="billing-invoices">
      <CardHeader>
        <CardTitle>Invoices</CardTitle>
        <CardDescription>Issued shortly after each month ends (UTC)</CardDescription>
      </CardHeader>
      <CardContent>
        {invoices.isPending && enabled ? (
          <Skeleton className="h-24 w-full" />
        ) : rows.length === 0 ? (
          <EmptyState
            icon={<FileText />}
            title="No invoices yet"
            description="The first invoice is issued after your first month closes."
          />
        ) : (
          <DataTable
            caption="Invoices"
            rows={rows}
            rowKey={(r) => r.id}
            columns={[
              {
                header: "Invoice",
                cell: (r) => <span className="font-mono text-[13px]">{r.number}</span>,
              },
              { header: "Period", cell: period },
              { header: "Plan", cell: (r) => r.plan },
              { header: "Total", cell: (r) => formatCents(r.total_cents), numeric: true },
              {
                header: "Actions",
                cell: (r) => (
                  <div className="flex justify-end gap-1">
                    <Button
                      variant="ghost"
                      size="sm"
                      onPointerEnter={() => void loadDialog()}
                      onClick={() => setOpen(r)}
                      aria-label={`View invoice ${r.number}`}
                    >
                      View
                    </Button>
                    <Button variant="ghost" size="sm" asChild>
                      <a
                        href={csvHref(r.id)}
                        download
                        aria-label={`Download invoice ${r.number} as CSV`}
                      >
                        <Download aria-hidden="true" />
                        CSV
                      </a>
                    </Button>
                  </div>
                ),
              },
            ]}
          />
        )}
      </CardContent>
      {open ? <InvoiceDialog invoice={open} onClose={() => setOpen(null)} /> : null}
    </Card>
  );
}
