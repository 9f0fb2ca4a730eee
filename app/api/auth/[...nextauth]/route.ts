import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { authOptions } from "@/lib/portal/auth-options";

type NextAuthContext = { params: Promise<{ nextauth: string[] }> };

/** next-auth with the options of this process's runtime (its session secret, its providers). */
async function handler(request: NextRequest, context: NextAuthContext): Promise<Response> {
  return NextAuth(request, context, await authOptions());
}

export { handler as GET, handler as POST };
