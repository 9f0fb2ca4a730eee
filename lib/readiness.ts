export interface Readiness {
  ready: boolean;
  checks: Record<string, { ok: boolean; ms: number; error?: string }>;
}

async function timed(
  check: () => Promise<unknown>,
  timeoutMs: number,
): Promise<{ ok: boolean; ms: number; error?: string }> {
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, ms: Math.round(performance.now() - start) };
  } catch (error) {
    return {
      ok: false,
      ms: Math.round(performance.now() - start),
      error: error instanceof Error ? error.message : "failed",
    };
  } finally {
    clearTimeout(timer);
  }
}

interface Pingable {
  ping(): Promise<unknown>;
}

/** Every store this instance depends on answers; a load balancer takes the instance out if not. */
export async function checkReadiness(deps: {
  store: Pingable;
  redis: Pingable | null;
}): Promise<Readiness> {
  const checks: Readiness["checks"] = { database: await timed(() => deps.store.ping(), 2000) };
  const redis = deps.redis;
  if (redis) checks.redis = await timed(() => redis.ping(), 2000);
  return { ready: Object.values(checks).every((c) => c.ok), checks };
}
