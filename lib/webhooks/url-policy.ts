import type { LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";
import type { FieldError } from "@/lib/errors";
import { type DnsCache, webhookDns } from "./dns-cache";

export const MAX_WEBHOOK_URL_LENGTH = 2048;

/**
 * Addresses a webhook may never reach unless WEBHOOK_ALLOW_PRIVATE_URLS allows it: this host,
 * private networks, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT,
 * documentation, benchmarking, multicast and reserved ranges, and every IPv6 form that embeds an
 * IPv4 address. (BlockList checks an IPv4-mapped address, ::ffff:127.0.0.1, against the IPv4
 * rules itself.)
 */
const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 3],
] as const) {
  BLOCKED.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  // Unspecified, loopback and the deprecated IPv4-compatible form (::7f00:1 is 127.0.0.1).
  ["::", 96],
  // IPv4-translated (SIIT); the IPv4-mapped ::ffff:0:0/96 is checked against the IPv4 rules.
  ["::ffff:0:0:0", 96],
  // NAT64 (well-known and local-use prefixes), whatever IPv4 address they carry.
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48],
  ["100::", 64],
  // Teredo, benchmarking, ORCHID v1 and v2, documentation (both ranges).
  ["2001::", 32],
  ["2001:2::", 48],
  ["2001:10::", 28],
  ["2001:20::", 28],
  ["2001:db8::", 32],
  ["3fff::", 20],
  // 6to4 embeds an IPv4 address (2002:7f00:1:: is 127.0.0.1's).
  ["2002::", 16],
  // SRv6 segment identifiers: never a host on the internet.
  ["5f00::", 16],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const) {
  BLOCKED.addSubnet(network, prefix, "ipv6");
}

/** Ports a webhook may use unless private URLs are allowed: the web's own, and no system port. */
function isAllowedPort(port: number): boolean {
  return port === 443 || port === 80 || (port >= 1024 && port <= 65535);
}

const LOCAL_NAMES = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i;

/** True for an address a webhook must not reach (see BLOCKED). */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, "ipv4");
  if (family === 6) return BLOCKED.check(address, "ipv6");
  return true; // not an address at all: refuse rather than guess
}

function bareHost(hostname: string): string {
  return hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
}

export interface UrlRules {
  /** http:// and private, loopback or link-local targets allowed. */
  allowPrivate: boolean;
}

const invalid = (code: string, message: string): FieldError => ({ field: "url", code, message });

/**
 * The rules a webhook URL must meet when it is saved (no DNS here: names are checked each time a
 * delivery resolves them). Returns the normalised URL, or the field error.
 */
export function checkWebhookUrl(
  raw: string,
  rules: UrlRules,
): { url: string } | { error: FieldError } {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) {
    return {
      error: invalid("too_long", `url must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`),
    };
  }
  if (!URL.canParse(raw)) return { error: invalid("invalid", "url must be an absolute URL") };
  const url = new URL(raw);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { error: invalid("invalid_scheme", "url must use https") };
  }
  if (url.protocol === "http:" && !rules.allowPrivate) {
    return { error: invalid("https_required", "url must use https") };
  }
  if (url.username || url.password) {
    return {
      error: invalid(
        "credentials_not_allowed",
        "url must not contain a user name or password; verify deliveries with the signature instead",
      ),
    };
  }
  if (url.hash)
    return { error: invalid("fragment_not_allowed", "url must not contain a #fragment") };
  // A trailing dot is the same name (localhost. is localhost).
  const host = bareHost(url.hostname).replace(/\.+$/, "");
  if (!host) return { error: invalid("invalid", "url must name a host") };
  if (!rules.allowPrivate) {
    const literal = isIP(host) !== 0;
    if ((literal && isBlockedAddress(host)) || (!literal && LOCAL_NAMES.test(host))) {
      return {
        error: invalid(
          "private_address",
          "url must point to a public address, not a private, loopback or link-local one",
        ),
      };
    }
    if (!literal && !host.includes(".")) {
      return { error: invalid("private_address", "url must use a fully qualified host name") };
    }
    const port = url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port);
    if (!isAllowedPort(port)) {
      return {
        error: invalid("port_not_allowed", "url must use port 443, 80 or one from 1024 to 65535"),
      };
    }
  }
  return { url: url.toString() };
}

export class BlockedAddressError extends Error {
  override name = "BlockedAddressError";
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A dns.lookup for http.request that refuses blocked addresses while connecting, so the address
 * checked is the address used (no window for DNS rebinding between a check and the connect).
 * Answers come from the short-lived cache, and are checked again on every use.
 */
export function guardedLookup(rules: UrlRules, dns: DnsCache = webhookDns) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    const answer = (list: LookupAddress[]) => {
      const refused = rules.allowPrivate
        ? undefined
        : list.find((a) => isBlockedAddress(a.address));
      if (refused || list.length === 0) {
        const failure = new BlockedAddressError(
          refused
            ? `${hostname} resolves to ${refused.address}, a private or reserved address`
            : `${hostname} did not resolve`,
        ) as NodeJS.ErrnoException;
        failure.code = "EWEBHOOKBLOCKED";
        return callback(failure, []);
      }
      if (options.all) return callback(null, list);
      const first = list[0] as LookupAddress;
      callback(null, first.address, first.family);
    };
    dns.lookup(hostname).then(answer, (error: NodeJS.ErrnoException) => callback(error, []));
  };
}
