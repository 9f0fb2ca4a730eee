/** Private IPv4 ranges (RFC 1918): a VPC's address space must sit inside one of them. */
const PRIVATE_RANGES: ReadonlyArray<[number, number]> = [
  [ipv4(10, 0, 0, 0), 8],
  [ipv4(172, 16, 0, 0), 12],
  [ipv4(192, 168, 0, 0), 16],
];

function ipv4(a: number, b: number, c: number, d: number): number {
  return ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
}

const maskOf = (prefix: number) => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);

export const MIN_NETWORK_PREFIX = 8;
export const MAX_NETWORK_PREFIX = 28;

/**
 * Why a CIDR block is unusable for a network, or null when it is fine: dotted IPv4 with a
 * /8-/28 prefix, no host bits set, inside a private range.
 */
export function cidrProblem(text: string): string | null {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!match) return "must be an IPv4 CIDR block such as 10.0.0.0/16";
  const octets = match.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return "has an octet above 255";
  const prefix = Number(match[5]);
  if (prefix < MIN_NETWORK_PREFIX || prefix > MAX_NETWORK_PREFIX) {
    return `prefix must be between /${MIN_NETWORK_PREFIX} and /${MAX_NETWORK_PREFIX}`;
  }
  const [a = 0, b = 0, c = 0, d = 0] = octets;
  const address = ipv4(a, b, c, d);
  if ((address & maskOf(prefix)) >>> 0 !== address) {
    return "has host bits set; use the network address";
  }
  const inside = PRIVATE_RANGES.some(
    ([base, bits]) => prefix >= bits && (address & maskOf(bits)) >>> 0 === base,
  );
  return inside ? null : "must be inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16";
}
