"use client";

import { ConfirmButton } from "@/components/resources/confirm-button";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { Role } from "@/lib/catalog/roles";
import { formatDateTime, formatRelative } from "@/lib/portal/format";
import { mayManage, ROLE_LABELS } from "./member-access";
import { type Invitation, useResendInvitation, useRevokeInvitation } from "./use-members";

function InvitationRow({ invitation, canManage }: { invitation: Invitation; canManage: boolean }) {
  const resend = useResendInvitation();
  const revoke = useRevokeInvitation();
  return (
    <TableRow data-testid="invitation-row" data-email={invitation.email}>
      <TableCell className="max-w-56">
        <span className="block truncate font-medium" title={invitation.email}>
          {invitation.email}
        </span>
        {invitation.invited_by.display ? (
          <span className="block truncate text-muted-foreground text-xs">
            by {invitation.invited_by.display}
          </span>
        ) : null}
      </TableCell>
      <TableCell>{ROLE_LABELS[invitation.role]}</TableCell>
      <TableCell className="whitespace-nowrap">
        {invitation.status === "expired" ? (
          <Badge variant="secondary">expired</Badge>
        ) : (
          <time
            dateTime={invitation.expires_at}
            title={formatDateTime(invitation.expires_at)}
            suppressHydrationWarning
          >
            {formatRelative(invitation.expires_at)}
          </time>
        )}
      </TableCell>
      <TableCell className="text-right">
        {canManage ? (
          <div className="flex flex-wrap justify-end gap-1">
            {invitation.accept_url ? (
              <CopyButton value={invitation.accept_url} label="Copy link" variant="ghost" />
            ) : null}
            <Button
              variant="ghost"
              size="sm"
              loading={resend.isPending}
              onClick={() => resend.mutate(invitation.id)}
            >
              Resend
            </Button>
            <ConfirmButton
              variant="ghost"
              size="sm"
              className="text-destructive"
              confirm={{
                destructive: true,
                title: `Revoke the invitation to ${invitation.email}?`,
                description: "Its link stops working at once. You can invite them again later.",
                confirmLabel: "Revoke invitation",
                onConfirm: async () => {
                  await revoke.mutateAsync(invitation.id);
                },
              }}
            >
              Revoke
            </ConfirmButton>
          </div>
        ) : null}
      </TableCell>
    </TableRow>
  );
}

/** Invitations not yet accepted: resend (a new link), revoke, or copy the link when not mailed. */
export function InvitationsTable({
  invitations,
  actor,
  canWrite,
}: {
  invitations: Invitation[];
  actor: Role;
  canWrite: boolean;
}) {
  return (
    <div className="rounded-lg border">
      <Table aria-label="Pending invitations">
        <TableHeader>
          <TableRow>
            <TableHead>E-mail</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Expires</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {invitations.map((invitation) => (
            <InvitationRow
              key={invitation.id}
              invitation={invitation}
              canManage={canWrite && mayManage(actor, invitation.role)}
            />
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
