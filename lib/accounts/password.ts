import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { availableParallelism } from "node:os";
import { AppError } from "@/lib/errors";

// N=2^17, r=8, p=1 (OWASP's scrypt floor); needs 128 MiB per hash, so maxmem is raised above it.
const LOG_N = 17;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_MEMORY = 256 * 1024 * 1024;

/**
 * Hashes at once at most (one per core, four at most: libuv's thread pool) and waiting at most.
 * Each hash costs ~0.3 s of a core and 128 MiB, so a burst of sign-ins queues instead of eating
 * the CPU and memory, and beyond the queue is refused as throttled.
 */
export const PASSWORD_HASHING = {
  concurrent: Math.max(1, Math.min(4, availableParallelism())),
  queued: 16,
};

let hashing = 0;
const waiting: Array<() => void> = [];

/** Runs `work` in a hashing slot: at once, after a wait in the queue, or refused as throttled. */
export async function withHashingSlot<T>(work: () => Promise<T>): Promise<T> {
  if (hashing < PASSWORD_HASHING.concurrent) {
    hashing++;
  } else {
    if (waiting.length >= PASSWORD_HASHING.queued) {
      throw new AppError("rate_limited", "Too many sign-ins at once; try again in a moment", {
        headers: { "Retry-After": "1" },
      });
    }
    // The slot is handed over by the hash that finishes (hashing stays as it is).
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else hashing--;
  }
}

function derive(
  password: string,
  salt: Buffer,
  logN: number,
  r: number,
  p: number,
): Promise<Buffer> {
  return withHashingSlot(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        scrypt(
          password,
          salt,
          KEY_LENGTH,
          { N: 2 ** logN, r, p, maxmem: MAX_MEMORY },
          (error, key) => (error ? reject(error) : resolve(key)),
        );
      }),
  );
}

/** `scrypt$logN$r$p$salt$hash`, so the cost can rise later without breaking stored hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, LOG_N, R, P);
  return ["scrypt", LOG_N, R, P, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [logN, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (
    !Number.isInteger(logN) ||
    logN < LOG_N ||
    logN > 22 ||
    !Number.isInteger(r) ||
    !Number.isInteger(p)
  ) {
    return false;
  }
  const salt = Buffer.from(parts[4] ?? "", "base64url");
  const expected = Buffer.from(parts[5] ?? "", "base64url");
  const actual = await derive(password, salt, logN, r, p);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of a random password, compared against when the account does not exist (equal timing). */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString("hex"));
  return decoy;
}
