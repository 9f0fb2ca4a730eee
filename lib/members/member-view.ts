import type { Role } from "@/lib/catalog/roles";

export interface MemberView {
  id: string;
  object: "member";
  user_id: string;
  email: string;
  name: string;
  role: Role;
  joined_at: string;
  /** Their latest portal use (recorded at most every few minutes); null: not since 0013. */
  last_active_at: string | null;
  /** Keys they created that are not revoked: keys stay the organization's when they leave. */
  active_keys: number;
}

export interface MemberRow {
  id: string;
  user_id: string;
  email: string;
  name: string;
  role: Role;
  created_at: string;
  last_active_at: string | null;
  /** A count: a string on PostgreSQL. */
  active_keys: number | string | bigint | null;
}

export function toMemberView(row: MemberRow): MemberView {
  return {
    id: row.id,
    object: "member",
    user_id: row.user_id,
    email: row.email,
    name: row.name,
    role: row.role,
    joined_at: row.created_at,
    last_active_at: row.last_active_at,
    active_keys: Number(row.active_keys ?? 0),
  };
}
