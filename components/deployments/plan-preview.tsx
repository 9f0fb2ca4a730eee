import { formatCents } from "@/components/charts/format";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import type { DeploymentPlan } from "./use-deployments";

const ACTION_VARIANT: Record<string, BadgeProps["variant"]> = {
  create: "success",
  replace: "warning",
  delete: "destructive",
  keep: "secondary",
};

const TYPE_LABEL: Record<string, string> = {
  instance: "instances",
  volume: "volumes",
  load_balancer: "load balancer",
};

const signed = (cents: number) =>
  `${cents > 0 ? "+" : cents < 0 ? "−" : ""}${formatCents(Math.abs(cents))}`;

/** The plan's diff per region and the monthly cost before and after, before anything is applied. */
export function PlanPreview({ plan }: { plan: DeploymentPlan }) {
  return (
    <section aria-label="Plan" className="grid gap-3" data-testid="deployment-plan">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="font-semibold text-base">
          Plan for {plan.service}
          {plan.base_deployment_id ? (
            <span className="ml-2 font-normal text-muted-foreground text-sm">
              replaces <span className="font-mono">{plan.base_deployment_id}</span>
            </span>
          ) : (
            <span className="ml-2 font-normal text-muted-foreground text-sm">first revision</span>
          )}
        </h2>
        <p className="text-sm">
          Monthly cost change:{" "}
          <strong className="tabular-nums" data-testid="plan-delta">
            {signed(plan.monthly_cost_delta)}
          </strong>
        </p>
      </div>
      <div className="overflow-x-auto rounded-lg border">
        <table className="w-full text-sm">
          <thead className="bg-muted/50 text-left text-muted-foreground text-xs">
            <tr>
              <th className="px-3 py-2 font-medium">Region</th>
              <th className="px-3 py-2 font-medium">Changes</th>
              <th className="px-3 py-2 text-right font-medium">Before / month</th>
              <th className="px-3 py-2 text-right font-medium">After / month</th>
            </tr>
          </thead>
          <tbody>
            {plan.regions.map((r) => (
              <tr
                key={r.region}
                className="border-t"
                data-testid="plan-region"
                data-region={r.region}
              >
                <td className="px-3 py-2 font-mono text-xs">
                  {r.region}
                  {r.available ? null : (
                    <Badge variant="destructive" className="ml-2">
                      unavailable
                    </Badge>
                  )}
                </td>
                <td className="px-3 py-2">
                  <ul className="flex flex-wrap gap-1.5">
                    {r.changes.map((c) => (
                      <li key={`${c.action}-${c.resource_type}`}>
                        <Badge variant={ACTION_VARIANT[c.action]}>
                          {c.action} {c.count} {TYPE_LABEL[c.resource_type] ?? c.resource_type}
                          {c.size ? ` ${c.size}` : ""}
                          {c.image ? ` ${c.image}` : ""}
                        </Badge>
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {formatCents(r.monthly_cost_before)}
                </td>
                <td className="px-3 py-2 text-right tabular-nums" data-testid="plan-region-cost">
                  {formatCents(r.monthly_cost_after)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
