import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GithubProvider from "next-auth/providers/github";
import { upsertGithubUser } from "@/lib/auth/github-account";
import { createSignInThrottle, type SignInThrottle } from "@/lib/auth/sign-in-throttle";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { CLIENT_IP_HEADER } from "@/lib/http/surface";
import { getRuntime, type Runtime } from "@/lib/runtime";

export const THROTTLED_ERROR = "Throttled";
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

const throttles = new WeakMap<Runtime, SignInThrottle>();
function throttleOf(runtime: Runtime): SignInThrottle {
  let throttle = throttles.get(runtime);
  if (!throttle) {
    throttle = createSignInThrottle({
      db: runtime.store.db,
      redis: runtime.redis,
      now: runtime.now,
    });
    throttles.set(runtime, throttle);
  }
  return throttle;
}

function headerValue(
  headers: Record<string, unknown> | undefined,
  name: string,
): string | undefined {
  const value = headers?.[name];
  return typeof value === "string" ? value : undefined;
}

/**
 * Sessions are JWTs in an HttpOnly, SameSite=Lax cookie (Secure when NEXTAUTH_URL is https).
 * The token carries only our user id; everything else is read from the store per request.
 */
export async function authOptions(): Promise<NextAuthOptions> {
  const { config, sessionSecret } = await getRuntime();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req) {
        const runtime = await getRuntime();
        const address = headerValue(req.headers, CLIENT_IP_HEADER) ?? "unknown";
        const result = await verifyCredentials(runtime.store.db, throttleOf(runtime), {
          email: credentials?.email,
          password: credentials?.password,
          address,
        });
        if (result.ok) return result.user;
        if (result.reason === "throttled") throw new Error(THROTTLED_ERROR);
        return null;
      },
    }),
  ];
  if (config.github) {
    providers.push(
      GithubProvider({ clientId: config.github.id, clientSecret: config.github.secret }),
    );
  }
  return {
    providers,
    // The runtime's session secret: NEXTAUTH_SECRET, or the one generated into DATA_DIR.
    secret: sessionSecret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    callbacks: {
      async jwt({ token, user, account, profile }) {
        if (account?.provider === "github" && profile) {
          const runtime = await getRuntime();
          const github = profile as {
            id?: number | string;
            email?: string | null;
            name?: string | null;
            login?: string;
          };
          token.uid = await upsertGithubUser(
            runtime.store.db,
            {
              githubId: String(github.id ?? account.providerAccountId),
              email: github.email ?? null,
              // GitHub returns only a verified primary address in the profile's email field.
              emailVerified: Boolean(github.email),
              name: github.name ?? "",
              login: github.login ?? "github-user",
            },
            runtime.now(),
          );
        } else if (user) {
          token.uid = user.id;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user && typeof token.uid === "string") session.user.id = token.uid;
        return session;
      },
    },
  };
}
