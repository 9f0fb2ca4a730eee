import type { Redis } from "ioredis";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";
import type { Logger } from "@/lib/logger";
import { type BucketName, type RateBucket, WINDOW_SECONDS } from "./limits";

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

/**
 * Fixed 60-second windows per bucket (a window opens at its first request). Counters live in
 * Redis when configured, so several instances share one budget exactly; in memory otherwise. If
 * Redis fails, counting falls back to this instance's memory rather than refusing traffic.
 */
export class ApiRateLimiter {
  private readonly counter: RateLimiterAbstract;

  constructor(private readonly options: ApiRateLimiterOptions) {
    const keyPrefix = options.keyPrefix ?? "cap-rl";
    const memory = new RateLimiterMemory({
      keyPrefix,
      points: UNBOUNDED,
      duration: WINDOW_SECONDS,
    });
    this.counter = options.redis
      ? new RateLimiterRedis({
          storeClient: options.redis,
          keyPrefix,
          points: UNBOUNDED,
          duration: WINDOW_SECONDS,
          rejectIfRedisNotReady: true,
          insuranceLimiter: memory,
        })
      : memory;
  }

  get store(): "redis" | "memory" {
    return this.options.redis ? "redis" : "memory";
  }

  /** Counts one request in the bucket and says whether it is within the limit. */
  consume(bucket: RateBucket): Promise<RateLimitState> {
    // Not async: one promise less per request (the counter already returns one).
    return this.counter.consume(bucket.key, 1).then(
      (res) => stateOf(bucket, res.consumedPoints, res.msBeforeNext, true),
      (error: unknown) => this.failOpen(bucket, error),
    );
  }

  /** The bucket's state without counting anything (for GET /v1/rate-limits and dashboards). */
  async peek(bucket: RateBucket): Promise<RateLimitState> {
    try {
      const res = await this.counter.get(bucket.key);
      if (!res) return stateOf(bucket, 0, WINDOW_SECONDS * 1000, false);
      return stateOf(bucket, res.consumedPoints, res.msBeforeNext, false);
    } catch (error) {
      return this.failOpen(bucket, error);
    }
  }

  private failOpen(bucket: RateBucket, error: unknown): RateLimitState {
    const detail = error instanceof RateLimiterRes ? "limiter refused" : error;
    this.options.logger.warn({ err: detail, bucket: bucket.name }, "rate limiter unavailable");
    return stateOf(bucket, 0, WINDOW_SECONDS * 1000, false);
  }
}

function stateOf(
  bucket: RateBucket,
  used: number,
  msBeforeNext: number,
  counted: boolean,
): RateLimitState {
  const ms = msBeforeNext > 0 ? msBeforeNext : WINDOW_SECONDS * 1000;
  const resetIn = Math.ceil(ms / 1000);
  return {
    bucket: bucket.name,
    limit: bucket.limit,
    used,
    remaining: used >= bucket.limit ? 0 : bucket.limit - used,
    resetAt: Math.ceil((Date.now() + ms) / 1000),
    resetIn,
    allowed: !counted || used <= bucket.limit,
  };
}
