import { randomFillSync } from "node:crypto";

/** The alphabet of ids, request ids and key secrets. */
export const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * Random bytes drawn 4 KiB at a time: a POST makes a dozen ids, and asking the CSPRNG for each
 * one cost ~5 us apiece (a call into OpenSSL per id). Every byte is used once.
 */
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let poolOffset = POOL_BYTES;

function nextRandomByte(): number {
  if (poolOffset === POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  return pool[poolOffset++] as number;
}

/** Unbiased random base62 text: bytes >= 248 are dropped so every character is equally likely. */
export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    const byte = nextRandomByte();
    if (byte < 248) out += BASE62[byte % 62];
  }
  return out;
}

export type IdPrefix =
  | "usr"
  | "org"
  | "mem"
  | "prj"
  | "key"
  | "res"
  | "att"
  | "evt"
  | "job"
  | "aud"
  | "eml"
  | "req"
  | "we"
  | "wd"
  | "dep"
  | "in"
  | "inv"
  | "ili"
  | "bud"
  | "pch"
  | "plan"
  | "dtg";

/** Ids are made by the app so both stores agree on them; 16 base62 characters is ~95 bits. */
export function newId(prefix: IdPrefix, length = 16): string {
  return `${prefix}_${randomBase62(length)}`;
}
