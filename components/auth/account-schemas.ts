/**
 * The shared zod schemas (lib/schemas/accounts) for the sign-in and sign-up forms, loaded on
 * first interaction rather than with the page: zod is ~30 kB gzip of first-load JS otherwise.
 */
let loading: Promise<typeof import("@/lib/schemas/accounts")> | null = null;

export function loadAccountSchemas(): Promise<typeof import("@/lib/schemas/accounts")> {
  loading ??= import("@/lib/schemas/accounts");
  return loading;
}
