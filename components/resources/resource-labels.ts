import { RESOURCE_TYPES, TYPE_LABELS } from "@/lib/catalog/resources";

const isType = (type: string): type is (typeof RESOURCE_TYPES)[number] =>
  (RESOURCE_TYPES as readonly string[]).includes(type);

export function typeLabel(type: string): string {
  return isType(type) ? TYPE_LABELS[type] : type;
}

/** Types whose detail page offers actions (their controls load after the page). */
export function hasActions(resource: { type: string }): boolean {
  return (
    resource.type === "instance" || resource.type === "volume" || resource.type === "load_balancer"
  );
}
