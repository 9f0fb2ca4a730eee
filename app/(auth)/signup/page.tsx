import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { AuthDivider, GithubButton } from "@/components/auth/github-button";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { AppLink } from "@/components/ui/app-link";
import { currentPortalContext } from "@/lib/portal/request-context";
import { getRuntime } from "@/lib/runtime";
import { type AuthSearchParams, callbackFrom } from "../auth-page-params";
import { signUpAction } from "./actions";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: AuthSearchParams }) {
  const params = await searchParams;
  const callbackUrl = callbackFrom(params);
  if (await currentPortalContext()) redirect(callbackUrl);
  const { config } = await getRuntime();
  const loginHref =
    callbackUrl === "/dashboard"
      ? "/login"
      : `/login?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  return (
    <AuthCard
      title="Create your account"
      description="Start on the free plan: 100 requests per minute, with a sandbox to test in."
      footer={
        <>
          Already have an account?{" "}
          <AppLink
            href={loginHref}
            className="font-medium text-foreground underline underline-offset-4 hover:text-primary"
          >
            Sign in
          </AppLink>
        </>
      }
    >
      {config.github ? (
        <>
          <GithubButton callbackUrl={callbackUrl} />
          <AuthDivider />
        </>
      ) : null}
      <SignUpForm action={signUpAction} callbackUrl={callbackUrl} />
    </AuthCard>
  );
}
