import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { DemoCredentials } from "@/components/auth/demo-credentials";
import { AuthDivider, GithubButton } from "@/components/auth/github-button";
import { signInErrorMessage } from "@/components/auth/sign-in-errors";
import { SignInForm } from "@/components/auth/sign-in-form";
import { AppLink } from "@/components/ui/app-link";
import { DEMO_EMAIL, DEMO_PASSWORD } from "@/lib/accounts/demo-account";
import { currentPortalContext } from "@/lib/portal/request-context";
import { getRuntime } from "@/lib/runtime";
import { type AuthSearchParams, callbackFrom, firstParam } from "../auth-page-params";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: AuthSearchParams }) {
  const params = await searchParams;
  const callbackUrl = callbackFrom(params);
  if (await currentPortalContext()) redirect(callbackUrl);
  const { config } = await getRuntime();
  // Decided at request time, so one build can serve both a demo and a real deployment.
  const showDemo = config.nodeEnv !== "production" || config.seedDemo;
  const signUpHref =
    callbackUrl === "/dashboard"
      ? "/signup"
      : `/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  return (
    <AuthCard
      title="Sign in"
      description="Welcome back. Sign in to manage your API keys and resources."
      footer={
        <>
          No account yet?{" "}
          <AppLink
            href={signUpHref}
            className="font-medium text-foreground underline underline-offset-4 hover:text-primary"
          >
            Create one
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
      <SignInForm
        callbackUrl={callbackUrl}
        initialError={signInErrorMessage(firstParam(params.error))}
      />
      {showDemo ? <DemoCredentials email={DEMO_EMAIL} password={DEMO_PASSWORD} /> : null}
    </AuthCard>
  );
}
