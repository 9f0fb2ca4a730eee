"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { usePortalScopeKey } from "@/components/shell/portal-context-provider";
import { toast } from "@/components/ui/toaster";
import type { Role } from "@/lib/catalog/roles";
import { callApi, messageOf } from "@/lib/portal/proxy-client";
import { queryKeys } from "@/lib/portal/query-keys";

export interface Member {
  id: string;
  user_id: string;
  email: string;
  name: string;
  role: Role;
  joined_at: string;
  last_active_at: string | null;
  active_keys: number;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  status: "pending" | "accepted" | "revoked" | "expired";
  expires_at: string;
  created_at: string;
  delivery: "smtp" | "stored";
  accept_url: string | null;
  invited_by: { display: string | null };
}

interface Page<T> {
  data: T[];
  meta: { total: number; has_more: boolean };
}

export function useMembers() {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: queryKeys.members.list(scope),
    queryFn: ({ signal }) => callApi<Page<Member>>("/v1/members?per_page=100", { signal }),
  });
}

/** Pending and expired invitations (what can still be resent or revoked), newest first. */
export function useOpenInvitations() {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: queryKeys.members.invitations(scope),
    queryFn: async ({ signal }) => {
      const [pending, expired] = await Promise.all([
        callApi<Page<Invitation>>("/v1/invitations?status=pending&per_page=100", { signal }),
        callApi<Page<Invitation>>("/v1/invitations?status=expired&per_page=100", { signal }),
      ]);
      return [...pending.data, ...expired.data];
    },
  });
}

function useMemberMutation<I, O>(
  run: (input: I) => Promise<O>,
  success: (output: O, input: I) => string,
  failure: string,
) {
  const scope = usePortalScopeKey();
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (output, input) => {
      toast.success(success(output, input));
      void client.invalidateQueries({ queryKey: queryKeys.members.all(scope) });
    },
    onError: (error) => toast.error(failure, { description: messageOf(error) }),
  });
}

export function useInvite() {
  return useMemberMutation(
    (input: { email: string; role: Role }) =>
      callApi<Invitation>("/v1/invitations", { method: "POST", body: input }),
    (created) =>
      created.delivery === "smtp"
        ? `Invitation sent to ${created.email}`
        : `Invitation for ${created.email} created: copy its link to send it`,
    "Could not invite",
  );
}

export function useChangeRole() {
  return useMemberMutation(
    ({ id, role }: { id: string; role: Role }) =>
      callApi<Member>(`/v1/members/${encodeURIComponent(id)}`, { method: "PATCH", body: { role } }),
    (member) => `${member.email} is now ${member.role}`,
    "Could not change the role",
  );
}

export function useRemoveMember() {
  return useMemberMutation(
    ({ member, revokeKeys }: { member: Member; revokeKeys: boolean }) =>
      callApi<null>(
        `/v1/members/${encodeURIComponent(member.id)}${revokeKeys ? "?revoke_keys=true" : ""}`,
        { method: "DELETE" },
      ),
    (_done, { member }) => `${member.email} was removed`,
    "Could not remove the member",
  );
}

export function useResendInvitation() {
  return useMemberMutation(
    (id: string) =>
      callApi<Invitation>(`/v1/invitations/${encodeURIComponent(id)}/resend`, { method: "POST" }),
    (invitation) => `Invitation to ${invitation.email} sent again with a new link`,
    "Could not resend the invitation",
  );
}

export function useRevokeInvitation() {
  return useMemberMutation(
    (id: string) =>
      callApi<Invitation>(`/v1/invitations/${encodeURIComponent(id)}/revoke`, { method: "POST" }),
    (invitation) => `Invitation to ${invitation.email} revoked`,
    "Could not revoke the invitation",
  );
}
