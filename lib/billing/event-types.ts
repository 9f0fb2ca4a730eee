import type { EventTypeInfo } from "@/lib/events/event-type-registry";

export const BILLING_EVENT_TYPES: readonly EventTypeInfo[] = [
  {
    type: "billing.plan_changed",
    description: "The organization moved to another plan",
    example: {
      organization_id: "org_2Hq8LmT4xP9cVb3N",
      from: { plan: "free", rate_limit_override: null },
      to: { plan: "pro", rate_limit_override: null },
      changed_at: "2026-12-01T09:30:00.000Z",
    },
  },
];
