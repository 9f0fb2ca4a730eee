import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { AcceptInvitationButton } from "@/components/invitations/accept-invitation-button";
import { SwitchAccountButton } from "@/components/invitations/switch-account-button";
import { buttonVariants } from "@/components/ui/button";
import { InlineAlert } from "@/components/ui/inline-alert";
import { describeInvitation } from "@/lib/invitations/describe-invitation";
import { currentPortalContext } from "@/lib/portal/request-context";
import { getRuntime } from "@/lib/runtime";
import { acceptInviteAction } from "./actions";

export const metadata: Metadata = { title: "Invitation" };

const DEAD: Record<string, { title: string; text: string }> = {
  unknown: {
    title: "This invitation link is not valid",
    text: "Check that you opened the whole link from the e-mail, or ask for a new invitation.",
  },
  expired: {
    title: "This invitation has expired",
    text: "Invitations work for 7 days. Ask the person who invited you to send it again.",
  },
  revoked: {
    title: "This invitation was withdrawn",
    text: "It was revoked and can no longer be used. Ask for a new one if you still need access.",
  },
  accepted: {
    title: "This invitation was already used",
    text: "It has been accepted. If that was you, sign in to find the organization in your switcher.",
  },
  replaced: {
    title: "This link was replaced",
    text: "The invitation was sent again with a newer link. Use the link in the latest e-mail.",
  },
};

/**
 * /invite/<token>: shows what the link invites to; a signed-out visitor signs up or signs in and
 * comes back here; the invited account joins; any other account is told so (and nothing changes).
 */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const runtime = await getRuntime();
  const invitation = await describeInvitation(runtime.store.db, token, runtime.now());
  const here = `/invite/${encodeURIComponent(token)}`;
  if (invitation.state !== "pending") {
    const dead = DEAD[invitation.state] ?? DEAD.unknown;
    return (
      <AuthCard title={dead?.title ?? ""} description={dead?.text}>
        <a
          href="/dashboard"
          className={buttonVariants({ variant: "outline", className: "w-full" })}
        >
          Go to the dashboard
        </a>
      </AuthCard>
    );
  }
  const context = await currentPortalContext();
  const description = (
    <>
      {invitation.invitedBy ?? "Someone"} invited <strong>{invitation.email}</strong> to join{" "}
      <strong>{invitation.organizationName}</strong> as <strong>{invitation.role}</strong>.
    </>
  );
  if (!context) {
    const back = encodeURIComponent(here);
    return (
      <AuthCard title={`Join ${invitation.organizationName}`} description={description}>
        <div className="grid gap-3">
          <p className="text-muted-foreground text-sm">
            Create an account with {invitation.email}, or sign in if you already have one.
          </p>
          <a
            href={`/signup?callbackUrl=${back}`}
            className={buttonVariants({ className: "w-full" })}
          >
            Create an account
          </a>
          <a
            href={`/login?callbackUrl=${back}`}
            className={buttonVariants({ variant: "outline", className: "w-full" })}
          >
            Sign in
          </a>
        </div>
      </AuthCard>
    );
  }
  if (context.user.email.toLowerCase() !== invitation.email) {
    return (
      <AuthCard title="This invitation is for someone else" description={description}>
        <div className="grid gap-3">
          <InlineAlert variant="warning">
            You are signed in as {context.user.email}. Only {invitation.email} can accept this
            invitation; it stays open for them.
          </InlineAlert>
          <SwitchAccountButton returnTo={here} />
        </div>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={`Join ${invitation.organizationName}`} description={description}>
      <AcceptInvitationButton
        token={token}
        organizationName={invitation.organizationName}
        action={acceptInviteAction}
      />
    </AuthCard>
  );
}
