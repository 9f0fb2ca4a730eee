import pino, { type Logger } from "pino";

export type { Logger };

/** JSON lines on stdout; request-scoped children carry request_id. Secrets are redacted by path. */
export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: "cloud-api-platform", ...base },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        "authorization",
        "headers.authorization",
        "headers.cookie",
        "password",
        "secret",
        "*.secret",
      ],
      censor: "[redacted]",
    },
  });
}
