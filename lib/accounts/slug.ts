import { randomBase62 } from "@/lib/ids";

export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return slug || "org";
}

export function slugWithSuffix(name: string): string {
  return `${slugify(name)}-${randomBase62(6).toLowerCase()}`;
}
