import type { EventTypeInfo } from "@/lib/events/event-type-registry";

/** Resource events carry the resource as it is after the change. */
const INSTANCE_SPEC = { size: "s-1vcpu-1gb", image: "ubuntu-24.04", network_id: null };

const resource = (type: string, status: string, spec: Record<string, unknown> = INSTANCE_SPEC) => ({
  id: "res_Tn49WpXc2LmQ8vRb",
  type,
  name: "web-1",
  status,
  region: "eu-west-1",
  spec,
  labels: { env: "production" },
  created_at: "2026-12-01T09:30:00.000Z",
  updated_at: "2026-12-01T09:31:12.000Z",
});

export const RESOURCE_EVENT_TYPES: readonly EventTypeInfo[] = [
  {
    type: "resource.created",
    description: "A resource was created; it starts provisioning",
    example: resource("instance", "provisioning"),
  },
  {
    type: "resource.active",
    description: "A resource finished provisioning and is ready",
    example: resource("instance", "active"),
  },
  {
    type: "resource.failed",
    description: "A resource could not be provisioned",
    example: resource("instance", "failed"),
  },
  {
    type: "resource.updated",
    description: "A resource's name, labels or settings changed (previous holds the old values)",
    example: resource("instance", "active"),
  },
  {
    type: "resource.deleted",
    description: "A resource was deleted",
    example: resource("instance", "deleted"),
  },
  {
    type: "instance.started",
    description: "A stopped instance was started",
    example: resource("instance", "active"),
  },
  {
    type: "instance.stopped",
    description: "An instance was stopped",
    example: resource("instance", "stopped"),
  },
  {
    type: "instance.rebooted",
    description: "An instance was rebooted",
    example: resource("instance", "active"),
  },
  {
    type: "instance.resized",
    description: "An instance was resized to another size",
    example: resource("instance", "active", { ...INSTANCE_SPEC, size: "s-2vcpu-4gb" }),
  },
  {
    type: "volume.attached",
    description: "A volume was attached to an instance",
    example: resource("volume", "active", {
      size_gb: 50,
      attached_instance_id: "res_Tn49WpXc2LmQ8vRb",
    }),
  },
  {
    type: "volume.detached",
    description: "A volume was detached from its instance",
    example: resource("volume", "active", { size_gb: 50, attached_instance_id: null }),
  },
  {
    type: "load_balancer.target_added",
    description: "An instance was added to a load balancer's targets",
    example: resource("load_balancer", "active", {
      algorithm: "round_robin",
      target_ids: ["res_Tn49WpXc2LmQ8vRb"],
      network_id: null,
    }),
  },
  {
    type: "load_balancer.target_removed",
    description: "An instance was removed from a load balancer's targets",
    example: resource("load_balancer", "active", {
      algorithm: "round_robin",
      target_ids: [],
      network_id: null,
    }),
  },
];
