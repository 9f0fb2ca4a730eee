"use client";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Download } from "@/components/ui/icons/download";
import { formatDate } from "@/lib/portal/format";
import type { InvoiceDto } from "@/lib/schemas/billing";
import { LineItemsTable } from "./line-items-table";

const invoiceCsvHref = (id: string) =>
  `/api/proxy/v1/billing/invoices/${encodeURIComponent(id)}?format=csv`;

function invoicePeriod(invoice: InvoiceDto): string {
  const last = new Date(Date.parse(invoice.period_end) - 1).toISOString();
  return `${formatDate(invoice.period_start)} – ${formatDate(last)}`;
}

/** One invoice's line items and its CSV (loaded on first use). */
export function InvoiceDialog({ invoice, onClose }: { invoice: InvoiceDto; onClose: () => void }) {
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-w-3xl" data-testid="invoice-dialog">
        <DialogHeader>
          <DialogTitle>Invoice {invoice.number}</DialogTitle>
          <DialogDescription>
            {invoicePeriod(invoice)} · {invoice.plan} plan · issued {formatDate(invoice.created_at)}
          </DialogDescription>
        </DialogHeader>
        <LineItemsTable
          lines={invoice.line_items}
          totalCents={invoice.total_cents}
          caption={`Line items of invoice ${invoice.number}`}
        />
        <div className="flex justify-end">
          <Button variant="outline" size="sm" asChild>
            <a href={invoiceCsvHref(invoice.id)} download data-testid="invoice-csv">
              <Download aria-hidden="true" />
              Download CSV
            </a>
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
