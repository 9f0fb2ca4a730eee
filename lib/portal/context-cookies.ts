import "server-only";
import { cookies } from "next/headers";
import { getRuntime } from "@/lib/runtime";
import { CONTEXT_COOKIES } from "./portal-context";

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

async function remember(name: string, value: string): Promise<void> {
  const jar = await cookies();
  const { config } = await getRuntime();
  jar.set(name, value, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: config.nextAuthUrl?.startsWith("https://") ?? false,
    maxAge: ONE_YEAR_SECONDS,
  });
}

/** Makes this organization and project the member's current ones (server actions only). */
export async function rememberContext(organizationId: string, projectId: string): Promise<void> {
  await remember(CONTEXT_COOKIES.organization, organizationId);
  await remember(CONTEXT_COOKIES.project, projectId);
}

/** Live or Sandbox (test), remembered the same way. */
export async function rememberEnvironment(environment: "live" | "test"): Promise<void> {
  await remember(CONTEXT_COOKIES.environment, environment);
}
