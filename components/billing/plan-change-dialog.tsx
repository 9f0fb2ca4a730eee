"use client";

import { formatCents, formatInteger } from "@/components/charts/format";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import type { PriceListDto } from "@/lib/schemas/billing";
import { useChangePlan } from "./use-billing";

type PlanInfo = PriceListDto["plans"][number];

/** "Switch to X?" (loaded on first use, so Radix's dialog is not in the page's first load). */
export function PlanChangeDialog({ plan, onClose }: { plan: PlanInfo; onClose: () => void }) {
  const change = useChangePlan();
  return (
    <AlertDialog open onOpenChange={(open) => !open && !change.isPending && onClose()}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Switch to {plan.name}?</AlertDialogTitle>
          <AlertDialogDescription>
            From now on: {formatInteger(plan.rate_limit_per_minute)} requests a minute and{" "}
            {formatCents(plan.monthly_fee_cents)} a month, pro-rated for the rest of this month.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel disabled={change.isPending}>Cancel</AlertDialogCancel>
          <Button
            loading={change.isPending}
            onClick={() => change.mutate(plan.id, { onSuccess: onClose })}
          >
            Switch to {plan.name}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
