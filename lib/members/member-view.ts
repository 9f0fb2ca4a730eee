import type { Role } from "@/lib/catalog/roles";

export interface MemberView {
  id: string;
  object: "member";
  user_id: string;
  email: string;
  name: string;
  role: Role;
  joined_at: string;
}

export interface MemberRow {
  id: string;
  user_id: string;
  email: string;
  name: string;
  role: Role;
  created_at: string;
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
  };
}
