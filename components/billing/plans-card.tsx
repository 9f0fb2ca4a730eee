"use client";

import { useState } from "react";
import { formatCents, formatInteger } from "@/components/charts/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Check } from "@/components/ui/icons/check";
import { lazyClient } from "@/components/ui/lazy-client";
import { Skeleton } from "@/components/ui/skeleton";
import type { PriceListDto } from "@/lib/schemas/billing";
import { usePrices } from "./use-billing";

type PlanInfo = PriceListDto["plans"][number];

const loadDialog = () => import("./plan-change-dialog");
const PlanChangeDialog = lazyClient(() => loadDialog().then((m) => m.PlanChangeDialog));

const ORDER = ["free", "pro", "enterprise"];

/** The plans side by side; owners and billing members can switch (no payment is taken). */
export function PlansCard({
  enabled,
  canManage,
  currentPlan,
}: {
  enabled: boolean;
  canManage: boolean;
  currentPlan: string;
}) {
  const prices = usePrices(enabled);
  const [asked, setAsked] = useState<PlanInfo | null>(null);
  const plans: PriceListDto["plans"] = prices.data?.plans ?? [];
  return (
    <Card data-testid="billing-plans">
      <CardHeader>
        <CardTitle>Plans</CardTitle>
        <CardDescription>
          {canManage
            ? "Switching takes effect at once: the new rate limit applies from the next request, and the fee is pro-rated to the second."
            : "Owners and billing members can change the plan."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {!prices.data ? (
          <Skeleton className="h-40 w-full" />
        ) : (
          <ul className="grid gap-4 md:grid-cols-3">
            {plans.map((plan) => {
              const current = plan.id === currentPlan;
              const upgrade = ORDER.indexOf(plan.id) > ORDER.indexOf(currentPlan);
              return (
                <li
                  key={plan.id}
                  className={
                    current
                      ? "grid gap-3 rounded-lg border-2 border-primary p-4"
                      : "grid gap-3 rounded-lg border p-4"
                  }
                  data-testid={`plan-${plan.id}`}
                >
                  <div className="flex items-center justify-between gap-2">
                    <h3 className="font-semibold">{plan.name}</h3>
                    {current ? <Badge variant="info">Current plan</Badge> : null}
                  </div>
                  <p className="font-semibold text-2xl tabular-nums">
                    {formatCents(plan.monthly_fee_cents)}
                    <span className="font-normal text-muted-foreground text-sm"> / month</span>
                  </p>
                  <p className="text-muted-foreground text-sm">{plan.description}</p>
                  <ul className="grid gap-1 text-sm">
                    <li className="flex gap-2">
                      <Check className="mt-0.5 size-4 shrink-0 text-success" aria-hidden="true" />
                      {formatInteger(plan.rate_limit_per_minute)} requests / minute
                    </li>
                    {plan.included.map((inc) => (
                      <li key={inc.metric} className="flex gap-2">
                        <Check className="mt-0.5 size-4 shrink-0 text-success" aria-hidden="true" />
                        {formatInteger(inc.quantity)} {inc.unit}s included (
                        {inc.description.toLowerCase()})
                      </li>
                    ))}
                  </ul>
                  {canManage && !current ? (
                    <Button
                      variant={upgrade ? "default" : "outline"}
                      className="mt-auto"
                      onPointerEnter={() => void loadDialog()}
                      onClick={() => setAsked(plan)}
                    >
                      {upgrade ? "Upgrade" : "Downgrade"} to {plan.name}
                    </Button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </CardContent>
      {asked ? <PlanChangeDialog plan={asked} onClose={() => setAsked(null)} /> : null}
    </Card>
  );
}
