/**
 * Every react-query key of portal data, in one place (client-safe). Each starts with the scope
 * (organization, project, environment), so switching any of them never shows the previous
 * scope's cache, and `queryKeys.scope(s)` invalidates everything of one scope.
 */
export type PortalScope = readonly [organizationId: string, projectId: string, environment: string];

/** Resource list filters as they appear in the URL (all optional strings). */
export interface ResourceFilters {
  type?: string;
  status?: string;
  region?: string;
  q?: string;
  cursor?: string;
  limit?: string;
}

/** Events page filters as they appear in the URL. */
export interface EventFilters {
  type?: string;
  object_id?: string;
}

export const queryKeys = {
  scope: (s: PortalScope) => ["portal", ...s] as const,

  apiKeys: {
    all: (s: PortalScope) => [...queryKeys.scope(s), "api-keys"] as const,
    list: (s: PortalScope) => [...queryKeys.apiKeys.all(s), "list"] as const,
  },

  resources: {
    all: (s: PortalScope) => [...queryKeys.scope(s), "resources"] as const,
    lists: (s: PortalScope) => [...queryKeys.resources.all(s), "list"] as const,
    list: (s: PortalScope, filters: ResourceFilters) =>
      [...queryKeys.resources.lists(s), filters] as const,
    detail: (s: PortalScope, id: string) => [...queryKeys.resources.all(s), "detail", id] as const,
    counts: (s: PortalScope) => [...queryKeys.resources.all(s), "counts"] as const,
    /** Instances that a volume or load balancer can be attached to (pickers). */
    candidates: (s: PortalScope, type: string, region: string) =>
      [...queryKeys.resources.all(s), "candidates", type, region] as const,
    search: (s: PortalScope, text: string) =>
      [...queryKeys.resources.all(s), "search", text] as const,
  },

  events: {
    all: (s: PortalScope) => [...queryKeys.scope(s), "events"] as const,
    recent: (s: PortalScope) => [...queryKeys.events.all(s), "recent"] as const,
    forObject: (s: PortalScope, objectId: string) =>
      [...queryKeys.events.all(s), "object", objectId] as const,
    /** The Events page's history under its URL filters. */
    list: (s: PortalScope, filters: EventFilters) =>
      [...queryKeys.events.all(s), "list", filters] as const,
  },
  /** The catalogue of event types (the same for every scope, but kept per scope like the rest). */
  eventTypes: (s: PortalScope) => [...queryKeys.scope(s), "event-types"] as const,

  webhooks: {
    all: (s: PortalScope) => [...queryKeys.scope(s), "webhooks"] as const,
    list: (s: PortalScope) => [...queryKeys.webhooks.all(s), "list"] as const,
    detail: (s: PortalScope, id: string) => [...queryKeys.webhooks.all(s), "detail", id] as const,
    deliveries: (s: PortalScope, id: string) =>
      [...queryKeys.webhooks.all(s), "deliveries", id] as const,
  },

  deployments: {
    all: (s: PortalScope) => [...queryKeys.scope(s), "deployments"] as const,
    list: (s: PortalScope) => [...queryKeys.deployments.all(s), "list"] as const,
    detail: (s: PortalScope, id: string) =>
      [...queryKeys.deployments.all(s), "detail", id] as const,
    resources: (s: PortalScope, id: string) =>
      [...queryKeys.deployments.all(s), "resources", id] as const,
  },

  /** Members and invitations belong to the organization; the keys still start with the scope. */
  members: {
    all: (s: PortalScope) => [...queryKeys.scope(s), "members"] as const,
    list: (s: PortalScope) => [...queryKeys.members.all(s), "list"] as const,
    invitations: (s: PortalScope) => [...queryKeys.members.all(s), "invitations"] as const,
  },

  regions: (s: PortalScope) => [...queryKeys.scope(s), "regions"] as const,
  rateLimits: (s: PortalScope) => [...queryKeys.scope(s), "rate-limits"] as const,
} as const;
