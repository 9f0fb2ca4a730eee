"use client";

import { type FormEvent, useState } from "react";
import { formatCents } from "@/components/charts/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateTime } from "@/lib/portal/format";
import { useBudget, useDeleteBudget, useSetBudget } from "./use-billing";

const EMAIL_BADGE = { stored: "secondary", sent: "success", failed: "destructive" } as const;

/** The monthly budget, how much of it is spent, and the alert mails sent this month. */
export function BudgetCard({ enabled, canManage }: { enabled: boolean; canManage: boolean }) {
  const budget = useBudget(enabled);
  const save = useSetBudget();
  const remove = useDeleteBudget();
  const [dollars, setDollars] = useState("");
  const [error, setError] = useState<string | null>(null);
  const data = budget.data;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = Number(dollars);
    if (!/^\d+(\.\d{1,2})?$/.test(dollars.trim()) || !Number.isFinite(value) || value < 1) {
      setError("Enter an amount in dollars, at least 1 (e.g. 250 or 99.50).");
      return;
    }
    setError(null);
    save.mutate(Math.round(value * 100), { onSuccess: () => setDollars("") });
  };

  const ratio = data?.amount_cents ? data.spend_cents / data.amount_cents : 0;
  return (
    <Card data-testid="billing-budget">
      <CardHeader>
        <CardTitle>Monthly budget</CardTitle>
        <CardDescription>
          Owners and billing members get an e-mail at 50%, 75% and 100% of the budget, once each
          month.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {!data ? (
          <Skeleton className="h-20 w-full" />
        ) : (
          <>
            {data.amount_cents === null ? (
              <p className="text-muted-foreground text-sm">No budget set.</p>
            ) : (
              <div className="grid gap-2">
                <p className="text-sm">
                  <span className="font-semibold tabular-nums" data-testid="budget-spend">
                    {formatCents(data.spend_cents)}
                  </span>{" "}
                  of <span data-testid="budget-amount">{formatCents(data.amount_cents)}</span> spent
                  in {data.period} ({Math.round(ratio * 100)}%)
                </p>
                <meter
                  className="sr-only"
                  aria-label="Budget spent"
                  min={0}
                  max={data.amount_cents}
                  value={Math.min(data.spend_cents, data.amount_cents)}
                />
                <div aria-hidden="true" className="h-2 overflow-hidden rounded-full bg-muted">
                  <div
                    className={
                      ratio >= 1
                        ? "h-full bg-destructive"
                        : ratio >= 0.75
                          ? "h-full bg-warning"
                          : "h-full bg-primary"
                    }
                    style={{ width: `${Math.min(100, ratio * 100)}%` }}
                  />
                </div>
              </div>
            )}
            {canManage ? (
              <form onSubmit={submit} className="flex flex-wrap items-end gap-2" noValidate>
                <Field label="Budget per month (USD)" error={error} className="w-56">
                  <Input
                    inputMode="decimal"
                    value={dollars}
                    placeholder={data.amount_cents ? String(data.amount_cents / 100) : "500"}
                    onChange={(e) => setDollars(e.target.value)}
                  />
                </Field>
                <Button type="submit" loading={save.isPending}>
                  {data.amount_cents === null ? "Set budget" : "Update budget"}
                </Button>
                {data.amount_cents !== null ? (
                  <Button
                    variant="ghost"
                    loading={remove.isPending}
                    onClick={() => remove.mutate()}
                  >
                    Remove
                  </Button>
                ) : null}
              </form>
            ) : null}
            <div className="grid gap-2">
              <h3 className="font-medium text-sm">Alerts this month</h3>
              {data.alerts.length === 0 ? (
                <p className="text-muted-foreground text-sm">None sent.</p>
              ) : (
                <ul className="grid gap-2" data-testid="budget-alerts">
                  {data.alerts.map((a) => (
                    <li
                      key={a.threshold}
                      className="grid gap-1 rounded-md border px-3 py-2 text-sm"
                    >
                      <div className="flex flex-wrap items-baseline justify-between gap-2">
                        <span className="font-medium">{a.threshold}% reached</span>
                        <span className="text-muted-foreground text-xs">
                          {formatCents(a.spend_cents)} spent · {formatDateTime(a.created_at)}
                        </span>
                      </div>
                      <div className="flex flex-wrap gap-1">
                        {a.emails.map((e) => (
                          <Badge
                            key={e.id}
                            variant={EMAIL_BADGE[e.status]}
                            className="max-w-full truncate"
                          >
                            {e.to}: {e.status === "stored" ? "kept (no SMTP)" : e.status}
                          </Badge>
                        ))}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </>
        )}
      </CardContent>
    </Card>
  );
}
