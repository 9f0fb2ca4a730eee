export interface Region {
  slug: string;
  name: string;
  country: string;
  available: boolean;
  /** Resource types that can be created there. */
  resource_types: readonly string[];
}

const ALL_TYPES = ["instance", "volume", "bucket", "network", "load_balancer"] as const;

/** The regions we run in. Static: adding one is a release, as it is for every cloud. */
export const REGIONS: readonly Region[] = [
  {
    slug: "us-east-1",
    name: "US East (N. Virginia)",
    country: "US",
    available: true,
    resource_types: ALL_TYPES,
  },
  {
    slug: "us-west-2",
    name: "US West (Oregon)",
    country: "US",
    available: true,
    resource_types: ALL_TYPES,
  },
  {
    slug: "eu-west-1",
    name: "EU West (Ireland)",
    country: "IE",
    available: true,
    resource_types: ALL_TYPES,
  },
  {
    slug: "eu-central-1",
    name: "EU Central (Frankfurt)",
    country: "DE",
    available: true,
    resource_types: ALL_TYPES,
  },
  {
    slug: "ap-southeast-1",
    name: "Asia Pacific (Singapore)",
    country: "SG",
    available: true,
    resource_types: ALL_TYPES,
  },
];

export const DEFAULT_REGION = "us-east-1";

const bySlug = new Map(REGIONS.map((region) => [region.slug, region]));

export function findRegion(slug: string): Region | undefined {
  return bySlug.get(slug);
}
