"use server";

import { headers } from "next/headers";
import { type RegisterResult, registerAccount } from "@/lib/auth/register-account";
import { CLIENT_IP_HEADER } from "@/lib/http/surface";
import { getRuntime } from "@/lib/runtime";

/** The sign-up form's server side; the address (set by server.ts) drives the sign-up limit. */
export async function signUpAction(values: unknown): Promise<RegisterResult> {
  const raw = values && typeof values === "object" ? (values as Record<string, unknown>) : {};
  const address = (await headers()).get(CLIENT_IP_HEADER) ?? "unknown";
  return registerAccount(await getRuntime(), raw, address);
}
