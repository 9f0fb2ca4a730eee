"use client";

import { useId, useState } from "react";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { type Member, useRemoveMember } from "./use-members";

/**
 * "Remove <member>?" Their keys stay the organization's by default (services may depend on
 * them); the box revokes them in the same step when the person should lose every access.
 */
export function RemoveMemberDialog({
  member,
  self,
  canRevokeKeys,
  onClose,
}: {
  member: Member;
  self: boolean;
  canRevokeKeys: boolean;
  onClose: () => void;
}) {
  const remove = useRemoveMember();
  const [revokeKeys, setRevokeKeys] = useState(false);
  const boxId = useId();
  const confirm = async () => {
    try {
      await remove.mutateAsync({ member, revokeKeys });
      if (self) window.location.assign("/dashboard");
      onClose();
    } catch {
      // The toast says why; the dialog stays open.
    }
  };
  return (
    <AlertDialog open onOpenChange={(open) => !open && !remove.isPending && onClose()}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>
            {self ? "Leave this organization?" : `Remove ${member.email}?`}
          </AlertDialogTitle>
          <AlertDialogDescription>
            {self
              ? "You lose access at once. Someone who manages members can invite you again."
              : "They lose access from their next request. The API keys they created stay with the organization unless you revoke them here."}
          </AlertDialogDescription>
        </AlertDialogHeader>
        {member.active_keys > 0 && canRevokeKeys ? (
          <div className="flex items-start gap-2 text-sm">
            <input
              id={boxId}
              type="checkbox"
              checked={revokeKeys}
              onChange={(e) => setRevokeKeys(e.target.checked)}
              className="mt-0.5 size-4 accent-primary"
            />
            <label htmlFor={boxId}>
              Also revoke the {member.active_keys} API key{member.active_keys === 1 ? "" : "s"}{" "}
              {self ? "you" : "they"} created
            </label>
          </div>
        ) : null}
        <AlertDialogFooter>
          <AlertDialogCancel disabled={remove.isPending}>Cancel</AlertDialogCancel>
          <Button variant="destructive" loading={remove.isPending} onClick={() => void confirm()}>
            {self ? "Leave" : "Remove member"}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
