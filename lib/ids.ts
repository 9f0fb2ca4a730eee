import { randomBytes } from "node:crypto";

/** The alphabet of ids, request ids and key secrets. */
export const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Unbiased random base62 text: bytes >= 248 are dropped so every character is equally likely. */
export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    const bytes = randomBytes(length * 2);
    for (const byte of bytes) {
      if (byte < 248) out += BASE62[byte % 62];
      if (out.length === length) break;
    }
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
