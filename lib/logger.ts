import pino, { type Logger } from "pino";

export type { Logger };

/**
 * JSON lines on stdout (or stderr for a command whose stdout is its answer, like the admin CLI);
 * request-scoped children carry request_id. Secrets are redacted by path.
 */
export function createLogger(
  level: string,
  base: Record<string, unknown> = {},
  destination: "stdout" | "stderr" = "stdout",
): Logger {
  const options = {
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
  };
  return destination === "stderr" ? pino(options, pino.destination(2)) : pino(options);
}
