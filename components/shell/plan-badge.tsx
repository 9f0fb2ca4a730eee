import { Badge } from "@/components/ui/badge";

const planLabel = { free: "Free", pro: "Pro", enterprise: "Enterprise" } as const;

export type PlanName = keyof typeof planLabel;

export function PlanBadge({ plan }: { plan: PlanName }) {
  return <Badge variant={plan === "free" ? "secondary" : "info"}>{planLabel[plan]}</Badge>;
}
