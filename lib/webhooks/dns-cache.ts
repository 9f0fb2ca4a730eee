import { lookup as dnsLookup, type LookupAddress } from "node:dns";

/** How long an answer is reused: names that resolve, and names that do not. */
export const RESOLVED_TTL_MS = 30_000;
export const UNRESOLVED_TTL_MS = 5_000;
const MAX_NAMES = 10_000;

/** Errors that say the name does not resolve (as opposed to a resolver that failed us once). */
const UNRESOLVED_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "ENODATA", "ESERVFAIL"]);

export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    );
  });

/**
 * Webhook sends resolve their receivers' names through this. dns.lookup runs getaddrinfo on
 * libuv's 4 threads, shared with file and crypto work: measured in the e2e suite, twenty
 * attempts at once to one name the resolver answers slowly held every thread for 5 s a round,
 * so deliveries to every other endpoint crawled at 4/s. One lookup per name at a time, its
 * answer (or its failure) reused for a few seconds, keeps a dead host from costing anything.
 */
export class DnsCache {
  /** Oldest first (a Map keeps insertion order), so the bound drops the stalest name. */
  private readonly answers = new Map<string, { answer: Promise<LookupAddress[]>; until: number }>();

  constructor(
    private readonly resolveName: Resolve = systemResolve,
    private readonly now: () => number = Date.now,
  ) {}

  lookup(hostname: string): Promise<LookupAddress[]> {
    const key = hostname.toLowerCase();
    const cached = this.answers.get(key);
    if (cached && cached.until > this.now()) return cached.answer;
    const answer = this.resolveName(key);
    this.remember(key, answer, RESOLVED_TTL_MS);
    answer.then(
      () => undefined,
      (error: NodeJS.ErrnoException) => {
        if (this.answers.get(key)?.answer !== answer) return;
        // Only "no such name" is remembered; anything else is asked again next time.
        if (error.code && UNRESOLVED_CODES.has(error.code)) {
          this.remember(key, answer, UNRESOLVED_TTL_MS);
        } else {
          this.answers.delete(key);
        }
      },
    );
    return answer;
  }

  private remember(key: string, answer: Promise<LookupAddress[]>, ttlMs: number): void {
    this.answers.delete(key);
    this.answers.set(key, { answer, until: this.now() + ttlMs });
    if (this.answers.size > MAX_NAMES) {
      const oldest = this.answers.keys().next().value;
      if (oldest !== undefined) this.answers.delete(oldest);
    }
  }
}

/** The process's cache, shared by every webhook sender. */
export const webhookDns = new DnsCache();
