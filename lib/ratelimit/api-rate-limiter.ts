import type { Redis } from "ioredis";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";
import type { Logger } from "@/lib/logger";
import { type BucketName, type RateBucket, WINDOW_SECONDS } from "./limits";
import { MemoryWindows } from "./memory-windows";

/** A bucket's state after (or without) counting a request; what the headers and 429s report. */
export interface RateLimitState {
  bucket: BucketName;
  limit: number;
  /** Requests counted in the current window. */
  used: number;
  remaining: number;
  /** Unix seconds at which the current window ends. */
  resetAt: number;
  /** Whole seconds until then (rounded up, so a client that waits this long is never early). */
  resetIn: number;
  /** False when this request went over the limit. */
  allowed: boolean;
}

export interface ApiRateLimiterOptions {
  /** Shared counters for every instance; memory (this process only) without it. */
  redis: Redis | null;
  /** Namespaces the counters (tests use one per test). */
  keyPrefix?: string;
  logger: Logger;
}

// Limits differ per organization and change at run time, so the counter itself never refuses:
// it counts requests per fixed window and we compare with the bucket's current limit.
const UNBOUNDED = 2 ** 31 - 1;
const WINDOW_MS = WINDOW_SECONDS * 1000;

/**
 * Fixed 60-second windows per bucket (a window opens at its first request). With Redis the
 * counters live there (rate-limiter-flexible), so several instances share one budget exactly; if
 * Redis fails, counting falls back to this instance's memory rather than refusing traffic.
 * Without Redis the counters are this process's memory, counted synchronously (memory-windows).
 */
export class ApiRateLimiter {
  private readonly redisCounter: RateLimiterAbstract | null;
  private readonly memory: MemoryWindows;

  constructor(private readonly options: ApiRateLimiterOptions) {
    const keyPrefix = options.keyPrefix ?? "cap-rl";
    this.memory = new MemoryWindows(WINDOW_MS);
    this.redisCounter = options.redis
      ? new RateLimiterRedis({
          storeClient: options.redis,
          keyPrefix,
          points: UNBOUNDED,
          duration: WINDOW_SECONDS,
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory({
            keyPrefix,
            points: UNBOUNDED,
            duration: WINDOW_SECONDS,
          }),
        })
      : null;
  }

  get store(): "redis" | "memory" {
    return this.redisCounter ? "redis" : "memory";
  }

  /**
   * Counts one request in the bucket and says whether it is within the limit: at once with the
   * memory store, through a promise with Redis.
   */
  consume(bucket: RateBucket): RateLimitState | Promise<RateLimitState> {
    if (!this.redisCounter) {
      const now = Date.now();
      const window = this.memory.hit(bucket.key, now);
      return stateOf(bucket, window.count, window.endsAt - now, true, now);
    }
    return this.redisCounter.consume(bucket.key, 1).then(
      (res) => stateOf(bucket, res.consumedPoints, res.msBeforeNext, true, Date.now()),
      (error: unknown) => this.failOpen(bucket, error),
    );
  }

  /** The bucket's state without counting anything (for GET /v1/rate-limits and dashboards). */
  async peek(bucket: RateBucket): Promise<RateLimitState> {
    const now = Date.now();
    if (!this.redisCounter) {
      const window = this.memory.peek(bucket.key, now);
      return stateOf(
        bucket,
        window?.count ?? 0,
        window ? window.endsAt - now : WINDOW_MS,
        false,
        now,
      );
    }
    try {
      const res = await this.redisCounter.get(bucket.key);
      if (!res) return stateOf(bucket, 0, WINDOW_MS, false, now);
      return stateOf(bucket, res.consumedPoints, res.msBeforeNext, false, now);
    } catch (error) {
      return this.failOpen(bucket, error);
    }
  }

  close(): void {
    this.memory.close();
  }

  private failOpen(bucket: RateBucket, error: unknown): RateLimitState {
    const detail = error instanceof RateLimiterRes ? "limiter refused" : error;
    this.options.logger.warn({ err: detail, bucket: bucket.name }, "rate limiter unavailable");
    return stateOf(bucket, 0, WINDOW_MS, false, Date.now());
  }
}

function stateOf(
  bucket: RateBucket,
  used: number,
  msBeforeNext: number,
  counted: boolean,
  now: number,
): RateLimitState {
  const ms = msBeforeNext > 0 ? msBeforeNext : WINDOW_MS;
  const resetIn = Math.ceil(ms / 1000);
  return {
    bucket: bucket.name,
    limit: bucket.limit,
    used,
    remaining: used >= bucket.limit ? 0 : bucket.limit - used,
    resetAt: Math.ceil((now + ms) / 1000),
    resetIn,
    allowed: !counted || used <= bucket.limit,
  };
}
