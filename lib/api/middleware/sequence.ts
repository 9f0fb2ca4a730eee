import type { MiddlewareHandler, Next } from "hono";
import type { ApiEnv } from "../env";

/**
 * Several middleware run as one: each step's next() calls the following step directly, the last
 * one Hono's next. A step that only passes on adds no promise (Hono's compose makes an async
 * dispatch for every middleware it runs). A step's throw or rejection reaches Hono at this level
 * and is answered by the error mapper, as it would be from its own level. A step that answers
 * itself returns its Response; every step before it must return what its next() gave (not await
 * it and drop it), so the answer reaches Hono.
 */
export function sequence(...steps: MiddlewareHandler<ApiEnv>[]): MiddlewareHandler<ApiEnv> {
  return (c, next) => {
    const run = (index: number): ReturnType<MiddlewareHandler<ApiEnv>> => {
      const step = steps[index];
      if (!step) return next();
      return step(c, (() => run(index + 1)) as Next);
    };
    return run(0);
  };
}
