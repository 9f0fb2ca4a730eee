import { READ_ONLY_SCOPES, SCOPE_GROUPS, SCOPES, type Scope } from "@/lib/catalog/scopes";

// Client-safe: the restricted-key editor's model (Stripe style: per group none | read | write).

export type GroupLevel = "none" | "read" | "write";
export type AccessMode = "full" | "read_only" | "custom";
export type GroupName = (typeof SCOPE_GROUPS)[number]["group"];

/** The scopes a per-group choice stands for (write includes read). */
export function scopesOfLevels(levels: Partial<Record<GroupName, GroupLevel>>): Scope[] {
  const scopes: Scope[] = [];
  for (const group of SCOPE_GROUPS) {
    const level = levels[group.group] ?? "none";
    if (level === "none") continue;
    scopes.push(group.read);
    if (level === "write" && group.write) scopes.push(group.write);
  }
  return scopes;
}

/**
 * What a key will hold, limited to what the member may grant (a key never gets more than its
 * creator: the API refuses that with 403, so the form never asks for it).
 */
export function scopesFor(
  mode: AccessMode,
  levels: Partial<Record<GroupName, GroupLevel>>,
  grantable: ReadonlySet<string>,
): Scope[] {
  const wanted =
    mode === "full"
      ? [...SCOPES]
      : mode === "read_only"
        ? READ_ONLY_SCOPES
        : scopesOfLevels(levels);
  return wanted.filter((scope) => grantable.has(scope));
}

/** "Full access", "Read only", or "Restricted" with the groups, for the keys table. */
export function describeScopes(scopes: readonly string[]): { label: string; detail: string } {
  const held = new Set(scopes);
  if (SCOPES.every((s) => held.has(s))) return { label: "Full access", detail: "Every scope" };
  const parts: string[] = [];
  for (const group of SCOPE_GROUPS) {
    if (group.write && held.has(group.write)) parts.push(`${group.label}: write`);
    else if (held.has(group.read)) parts.push(`${group.label}: read`);
  }
  const onlyReads = scopes.every((s) => s.endsWith(":read"));
  if (onlyReads && READ_ONLY_SCOPES.every((s) => held.has(s))) {
    return { label: "Read only", detail: parts.join(", ") };
  }
  return { label: "Restricted", detail: parts.join(", ") || "No scopes" };
}
