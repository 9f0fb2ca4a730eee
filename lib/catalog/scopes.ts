/** The permissions a key can hold (CONTRACT.md). A portal member's permissions use the same names. */
export const SCOPES = [
  "resources:read",
  "resources:write",
  "usage:read",
  "billing:read",
  "events:read",
  "webhooks:read",
  "webhooks:write",
  "keys:read",
  "keys:write",
  "deployments:read",
  "deployments:write",
  "members:read",
  "members:write",
  "audit:read",
  "logs:read",
] as const;

export type Scope = (typeof SCOPES)[number];

const scopeSet: ReadonlySet<string> = new Set(SCOPES);

export function isScope(value: string): value is Scope {
  return scopeSet.has(value);
}

/** Resource groups as the portal's "restricted key" editor shows them (none | read | write). */
export const SCOPE_GROUPS = [
  { group: "resources", label: "Resources", read: "resources:read", write: "resources:write" },
  {
    group: "deployments",
    label: "Deployments",
    read: "deployments:read",
    write: "deployments:write",
  },
  { group: "webhooks", label: "Webhooks", read: "webhooks:read", write: "webhooks:write" },
  { group: "keys", label: "API keys", read: "keys:read", write: "keys:write" },
  { group: "members", label: "Members", read: "members:read", write: "members:write" },
  { group: "events", label: "Events", read: "events:read", write: null },
  { group: "usage", label: "Usage", read: "usage:read", write: null },
  { group: "billing", label: "Billing", read: "billing:read", write: null },
  { group: "audit", label: "Audit log", read: "audit:read", write: null },
  { group: "logs", label: "Request logs", read: "logs:read", write: null },
] as const satisfies ReadonlyArray<{
  group: string;
  label: string;
  read: Scope;
  write: Scope | null;
}>;

export const READ_ONLY_SCOPES: Scope[] = SCOPES.filter((s) => s.endsWith(":read"));
