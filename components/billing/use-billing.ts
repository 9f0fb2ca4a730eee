"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { usePortalScopeKey } from "@/components/shell/portal-context-provider";
import { toast } from "@/components/ui/toaster";
import { callApi, messageOf } from "@/lib/portal/proxy-client";
import { queryKeys } from "@/lib/portal/query-keys";
import type {
  BillingSummaryDto,
  BudgetDto,
  InvoiceDto,
  PlanChangeDto,
  PriceListDto,
} from "@/lib/schemas/billing";

type Plan = PriceListDto["plans"][number]["id"];

const billingKey = (scope: readonly string[]) => [...scope, "billing"] as const;

export function useBillingSummary(enabled: boolean) {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: [...billingKey(scope), "summary"],
    queryFn: ({ signal }) => callApi<BillingSummaryDto>("/v1/billing/summary", { signal }),
    enabled,
    refetchInterval: 60_000,
  });
}

export function usePrices(enabled: boolean) {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: [...billingKey(scope), "prices"],
    queryFn: ({ signal }) => callApi<PriceListDto>("/v1/billing/prices", { signal }),
    enabled,
  });
}

export interface InvoicePage {
  data: InvoiceDto[];
  meta: { total: number; has_more: boolean };
}

export function useInvoices(enabled: boolean) {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: [...billingKey(scope), "invoices"],
    queryFn: ({ signal }) => callApi<InvoicePage>("/v1/billing/invoices?per_page=24", { signal }),
    enabled,
  });
}

export function useBudget(enabled: boolean) {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: [...billingKey(scope), "budget"],
    queryFn: ({ signal }) => callApi<BudgetDto>("/v1/billing/budget", { signal }),
    enabled,
  });
}

/** Invalidates every billing view and the rate-limit page; refreshes the shell's plan badge. */
function useAfterBillingChange() {
  const scope = usePortalScopeKey();
  const client = useQueryClient();
  const router = useRouter();
  return () => {
    void client.invalidateQueries({ queryKey: billingKey(scope) });
    void client.invalidateQueries({ queryKey: queryKeys.rateLimits(scope) });
    router.refresh();
  };
}

export function useChangePlan() {
  const after = useAfterBillingChange();
  return useMutation({
    mutationFn: (plan: Plan) =>
      callApi<PlanChangeDto>("/v1/billing/plan", { method: "POST", body: { plan } }),
    onSuccess: (change) => {
      toast.success(
        change.changed
          ? `Plan changed to ${change.to}: ${change.rate_limit_per_minute.toLocaleString("en-US")} requests a minute from now on`
          : `Already on the ${change.to} plan`,
      );
      after();
    },
    onError: (error) => toast.error("Could not change the plan", { description: messageOf(error) }),
  });
}

export function useSetBudget() {
  const after = useAfterBillingChange();
  return useMutation({
    mutationFn: (amountCents: number) =>
      callApi<BudgetDto>("/v1/billing/budget", {
        method: "PUT",
        body: { amount_cents: amountCents },
      }),
    onSuccess: () => {
      toast.success("Budget saved");
      after();
    },
    onError: (error) => toast.error("Could not save the budget", { description: messageOf(error) }),
  });
}

export function useDeleteBudget() {
  const after = useAfterBillingChange();
  return useMutation({
    mutationFn: () => callApi<void>("/v1/billing/budget", { method: "DELETE" }),
    onSuccess: () => {
      toast.success("Budget removed");
      after();
    },
    onError: (error) =>
      toast.error("Could not remove the budget", { description: messageOf(error) }),
  });
}
