import type { QueryKey } from "@tanstack/react-query";

/** A GET a page's server component answered for the first paint (see QuerySeed). */
export interface SeededQuery {
  queryKey: QueryKey;
  data: unknown;
  /** When the server fetched it (ms since the epoch). */
  updatedAt: number;
}
