"use client";

import { useState } from "react";
import { NativeSelect } from "@/components/resources/native-select";
import { PageHeader } from "@/components/shell/page-header";
import { useCan, usePortalContext } from "@/components/shell/portal-context-provider";
import { RelativeTime } from "@/components/shell/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Plus } from "@/components/ui/icons/plus";
import { InlineAlert } from "@/components/ui/inline-alert";
import { lazyClient } from "@/components/ui/lazy-client";
import { Skeleton } from "@/components/ui/skeleton";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { ROLES, type Role } from "@/lib/catalog/roles";
import { messageOf } from "@/lib/portal/proxy-client";
import { InvitationsTable } from "./invitations-table";
import { grantableRoles, mayManage, ROLE_LABELS } from "./member-access";
import { type Member, useChangeRole, useMembers, useOpenInvitations } from "./use-members";

// Dialogs load on first use: they are not part of the page's first-load JavaScript.
const loadInvite = () => import("./invite-dialog");
const loadRemove = () => import("./remove-member-dialog");
const InviteDialog = lazyClient(() => loadInvite().then((m) => m.InviteDialog));
const RemoveMemberDialog = lazyClient(() => loadRemove().then((m) => m.RemoveMemberDialog));

function MemberRow({
  member,
  actor,
  self,
  canWrite,
  onRemove,
}: {
  member: Member;
  actor: Role;
  self: boolean;
  canWrite: boolean;
  onRemove: (member: Member) => void;
}) {
  const change = useChangeRole();
  const manageable = canWrite && !self && mayManage(actor, member.role);
  const grantable = grantableRoles(actor);
  return (
    <TableRow data-testid="member-row" data-email={member.email}>
      <TableCell className="max-w-56">
        <span className="block truncate font-medium" title={member.name}>
          {member.name}
          {self ? <span className="text-muted-foreground"> (you)</span> : null}
        </span>
        <span className="block truncate text-muted-foreground text-xs">{member.email}</span>
      </TableCell>
      <TableCell>
        {manageable ? (
          <NativeSelect
            aria-label={`Role of ${member.email}`}
            className="w-32"
            value={member.role}
            disabled={change.isPending}
            onChange={(e) => change.mutate({ id: member.id, role: e.target.value as Role })}
          >
            {ROLES.map((role) => (
              <option key={role} value={role} disabled={!grantable.includes(role)}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </NativeSelect>
        ) : (
          <Badge variant={member.role === "owner" ? "info" : "outline"} data-testid="member-role">
            {ROLE_LABELS[member.role]}
          </Badge>
        )}
      </TableCell>
      <TableCell className="whitespace-nowrap">
        <RelativeTime iso={member.joined_at} empty="" />
      </TableCell>
      <TableCell className="whitespace-nowrap">
        <RelativeTime iso={member.last_active_at} empty="Not yet" />
      </TableCell>
      <TableCell className="text-right">
        {manageable || self ? (
          <Button
            variant="ghost"
            size="sm"
            className="text-destructive"
            onPointerEnter={() => void loadRemove()}
            onClick={() => onRemove(member)}
          >
            {self ? "Leave" : "Remove"}
          </Button>
        ) : null}
      </TableCell>
    </TableRow>
  );
}

/** Settings -> Members: who is in the organization, with which role, and who is invited. */
export function MembersView() {
  const { organization, role, user } = usePortalContext();
  const canWrite = useCan("members:write");
  const canRevokeKeys = useCan("keys:write");
  const members = useMembers();
  const invitations = useOpenInvitations();
  const [inviting, setInviting] = useState(false);
  const [removing, setRemoving] = useState<Member | null>(null);
  const list = members.data?.data ?? [];
  const open = invitations.data ?? [];

  return (
    <>
      <PageHeader
        title="Members"
        description={`People in ${organization.name} and what their role lets them do.`}
        actions={
          canWrite ? (
            <Button onPointerEnter={() => void loadInvite()} onClick={() => setInviting(true)}>
              <Plus aria-hidden="true" />
              Invite member
            </Button>
          ) : null
        }
      />
      {members.isPending ? (
        <div className="grid gap-2" role="status" aria-label="Loading members">
          <Skeleton className="h-10" />
          <Skeleton className="h-10" />
        </div>
      ) : members.isError ? (
        <InlineAlert title="Could not load the members">{messageOf(members.error)}</InlineAlert>
      ) : (
        <div className="rounded-lg border">
          <Table aria-label="Members">
            <TableHeader>
              <TableRow>
                <TableHead>Member</TableHead>
                <TableHead>Role</TableHead>
                <TableHead>Joined</TableHead>
                <TableHead>Last active</TableHead>
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.map((member) => (
                <MemberRow
                  key={member.id}
                  member={member}
                  actor={role}
                  self={member.user_id === user.id}
                  canWrite={canWrite}
                  onRemove={setRemoving}
                />
              ))}
            </TableBody>
          </Table>
        </div>
      )}

      <h2 className="mt-8 mb-3 font-semibold text-base">Pending invitations</h2>
      {invitations.isPending ? (
        <Skeleton className="h-10" />
      ) : invitations.isError ? (
        <InlineAlert title="Could not load the invitations">
          {messageOf(invitations.error)}
        </InlineAlert>
      ) : open.length === 0 ? (
        <p className="text-muted-foreground text-sm">
          {canWrite
            ? "Nobody is invited right now. Invitations work for 7 days."
            : "Nobody is invited right now."}
        </p>
      ) : (
        <InvitationsTable invitations={open} actor={role} canWrite={canWrite} />
      )}

      {inviting ? <InviteDialog actor={role} onClose={() => setInviting(false)} /> : null}
      {removing ? (
        <RemoveMemberDialog
          member={removing}
          self={removing.user_id === user.id}
          canRevokeKeys={canRevokeKeys}
          onClose={() => setRemoving(null)}
        />
      ) : null}
    </>
  );
}
