/**
 * Which peers may vouch for the client through X-Forwarded-For / X-Forwarded-Proto.
 * TRUST_PROXY: "loopback" (default: a proxy on this host), "none", or a comma list of addresses,
 * IPv4 CIDR blocks and the word "loopback".
 */
export type ProxyTrust = (remoteAddress: string | undefined) => boolean;

function normalize(address: string): string {
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

function isLoopback(address: string): boolean {
  return address === "::1" || address.startsWith("127.");
}

function ipv4ToNumber(address: string): number | null {
  const parts = address.split(".");
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    const n = Number(part);
    if (!Number.isInteger(n) || n < 0 || n > 255 || part === "") return null;
    value = value * 256 + n;
  }
  return value;
}

export function parseProxyTrust(spec: string): ProxyTrust {
  const entries = spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0 || entries.includes("none")) return () => false;
  const exact = new Set<string>();
  const blocks: Array<{ base: number; mask: number }> = [];
  let loopback = false;
  for (const entry of entries) {
    if (entry === "loopback") loopback = true;
    else if (entry.includes("/")) {
      const [ip, bits] = entry.split("/");
      const base = ipv4ToNumber(ip ?? "");
      const size = Number(bits);
      if (base === null || !Number.isInteger(size) || size < 0 || size > 32) {
        throw new Error(`TRUST_PROXY has an invalid block: ${entry}`);
      }
      const mask = size === 0 ? 0 : (0xffffffff << (32 - size)) >>> 0;
      blocks.push({ base: (base & mask) >>> 0, mask });
    } else exact.add(normalize(entry));
  }
  return (remote) => {
    if (!remote) return false;
    const address = normalize(remote);
    if (loopback && isLoopback(address)) return true;
    if (exact.has(address)) return true;
    const n = ipv4ToNumber(address);
    return n !== null && blocks.some((b) => (n & b.mask) >>> 0 === b.base);
  };
}

/** The client's address: the peer, or the nearest untrusted hop that a trusted proxy reported. */
export function clientAddress(
  remote: string | undefined,
  forwardedFor: string | undefined,
  trust: ProxyTrust,
): string {
  const peer = normalize(remote ?? "unknown");
  if (!forwardedFor || !trust(remote)) return peer;
  const hops = forwardedFor
    .split(",")
    .map((h) => normalize(h.trim()))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as string;
    if (!trust(hop)) return hop;
  }
  return hops[0] ?? peer;
}

/** TLS on our own socket, or a trusted proxy saying the client used HTTPS. */
export function arrivedOverHttps(
  encrypted: boolean | undefined,
  remote: string | undefined,
  forwardedProto: string | undefined,
  trust: ProxyTrust,
): boolean {
  if (encrypted) return true;
  if (!forwardedProto || !trust(remote)) return false;
  const first = forwardedProto.split(",")[0]?.trim().toLowerCase();
  return first === "https";
}
