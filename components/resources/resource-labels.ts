import { RESOURCE_TYPES, TYPE_LABELS } from "@/lib/catalog/resources";

const isType = (type: string): type is (typeof RESOURCE_TYPES)[number] =>
  (RESOURCE_TYPES as readonly string[]).includes(type);

export function typeLabel(type: string): string {
  return isType(type) ? TYPE_LABELS[type] : type;
}
