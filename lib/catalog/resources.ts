/** Resource kinds (CONTRACT.md); `instance` is the default on create. */
export const RESOURCE_TYPES = ["instance", "volume", "bucket", "network", "load_balancer"] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/**
 * provisioning -> active (job) or failed (job gave up); active <-> stopped (instances);
 * DELETE -> deleting (hidden from the API at once) -> deleted (deprovisioning job).
 */
export type ResourceStatus =
  | "provisioning"
  | "active"
  | "stopped"
  | "failed"
  | "deleting"
  | "deleted";

/** The statuses the API shows; deleting and deleted rows are already gone from its point of view. */
export const VISIBLE_STATUSES = [
  "provisioning",
  "active",
  "stopped",
  "failed",
] as const satisfies readonly ResourceStatus[];

export type VisibleStatus = (typeof VISIBLE_STATUSES)[number];

/** Typed routes: /v1/<path> is a view of the resources of one type. */
export const TYPE_PATHS: Record<ResourceType, string> = {
  instance: "instances",
  volume: "volumes",
  bucket: "buckets",
  network: "networks",
  load_balancer: "load-balancers",
};

export const TYPE_LABELS: Record<ResourceType, string> = {
  instance: "Instance",
  volume: "Volume",
  bucket: "Bucket",
  network: "Network",
  load_balancer: "Load balancer",
};

export interface InstanceSize {
  slug: string;
  vcpus: number;
  memory_mb: number;
  disk_gb: number;
}

/** Smallest first: the first one is the default, so `{"name": ...}` alone creates the cheapest. */
export const INSTANCE_SIZES: readonly InstanceSize[] = [
  { slug: "s-1vcpu-1gb", vcpus: 1, memory_mb: 1024, disk_gb: 25 },
  { slug: "s-1vcpu-2gb", vcpus: 1, memory_mb: 2048, disk_gb: 50 },
  { slug: "s-2vcpu-4gb", vcpus: 2, memory_mb: 4096, disk_gb: 80 },
  { slug: "s-4vcpu-8gb", vcpus: 4, memory_mb: 8192, disk_gb: 160 },
  { slug: "s-8vcpu-16gb", vcpus: 8, memory_mb: 16384, disk_gb: 320 },
];
export const DEFAULT_INSTANCE_SIZE = "s-1vcpu-1gb";
export const INSTANCE_SIZE_SLUGS = [
  "s-1vcpu-1gb",
  "s-1vcpu-2gb",
  "s-2vcpu-4gb",
  "s-4vcpu-8gb",
  "s-8vcpu-16gb",
] as const;

export const INSTANCE_IMAGES = [
  "ubuntu-24.04",
  "ubuntu-22.04",
  "debian-12",
  "rocky-9",
  "alpine-3.20",
] as const;
export const DEFAULT_INSTANCE_IMAGE = "ubuntu-24.04";

export const VOLUME_MIN_GB = 1;
export const VOLUME_MAX_GB = 16_384;
export const DEFAULT_VOLUME_GB = 10;

export const DEFAULT_NETWORK_CIDR = "10.0.0.0/16";

export const LOAD_BALANCER_ALGORITHMS = ["round_robin", "least_connections"] as const;
export const MAX_LOAD_BALANCER_TARGETS = 50;

export const MAX_LABELS = 64;
