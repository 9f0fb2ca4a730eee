import { safeReturnPath } from "@/lib/portal/request-path";

export type AuthSearchParams = Promise<Record<string, string | string[] | undefined>>;

export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Only same-origin relative paths; anything else (or nothing) lands on the dashboard. */
export function callbackFrom(params: Record<string, string | string[] | undefined>): string {
  return safeReturnPath(firstParam(params.callbackUrl)) ?? "/dashboard";
}
