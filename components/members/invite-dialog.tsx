"use client";

import { type FormEvent, useState } from "react";
import { NativeSelect } from "@/components/resources/native-select";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { InlineAlert } from "@/components/ui/inline-alert";
import { Input } from "@/components/ui/input";
import { ROLES, type Role } from "@/lib/catalog/roles";
import { ApiError, messageOf } from "@/lib/portal/proxy-client";
import { grantableRoles, ROLE_LABELS } from "./member-access";
import { type Invitation, useInvite } from "./use-members";

/** E-mail and role; roles above the inviter's own are shown but cannot be chosen. */
export function InviteDialog({ actor, onClose }: { actor: Role; onClose: () => void }) {
  const invite = useInvite();
  const grantable = grantableRoles(actor);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>(grantable.includes("developer") ? "developer" : "viewer");
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [created, setCreated] = useState<Invitation | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) {
      setError("Enter the e-mail address to invite");
      return;
    }
    setError(null);
    try {
      setCreated(await invite.mutateAsync({ email: email.trim(), role }));
    } catch (caught) {
      const field =
        caught instanceof ApiError ? caught.errors.find((e) => e.field === "email") : null;
      if (field) setError(field.message);
      else setFailure(messageOf(caught));
    }
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{created ? "Invitation created" : "Invite a member"}</DialogTitle>
          <DialogDescription>
            {created
              ? created.delivery === "smtp"
                ? `We e-mailed ${created.email} a link that works for 7 days.`
                : `No mail server is configured, so the mail was only kept here. Send ${created.email} this link yourself; it works for 7 days.`
              : "They join with this role once they accept with this e-mail address."}
          </DialogDescription>
        </DialogHeader>
        {created ? (
          <>
            {created.accept_url ? (
              <div className="grid min-w-0 gap-2">
                <code
                  className="block min-w-0 break-all rounded-md border bg-muted px-3 py-2 text-xs"
                  data-testid="invite-link"
                >
                  {created.accept_url}
                </code>
                <CopyButton value={created.accept_url} label="Copy link" />
              </div>
            ) : null}
            <DialogFooter>
              <Button onClick={onClose}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <form className="grid gap-5" onSubmit={(e) => void submit(e)} noValidate>
            {failure ? <InlineAlert variant="error">{failure}</InlineAlert> : null}
            <Field label="E-mail" error={error}>
              <Input
                type="email"
                inputMode="email"
                autoComplete="off"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                placeholder="colleague@example.com"
                maxLength={254}
                required
                autoFocus
              />
            </Field>
            <Field
              label="Role"
              description="You can give roles up to your own; only owners invite owners."
            >
              <NativeSelect value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {ROLES.map((r) => (
                  <option key={r} value={r} disabled={!grantable.includes(r)}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <DialogFooter>
              <Button variant="outline" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={invite.isPending}>
                Send invitation
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
