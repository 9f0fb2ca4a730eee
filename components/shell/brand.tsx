import { AppLink } from "@/components/ui/app-link";
import { BRAND_CLASSES, BrandContent } from "./brand-mark";

export function Brand({ href = "/" }: { href?: string }) {
  return (
    <AppLink href={href} className={BRAND_CLASSES}>
      <BrandContent />
    </AppLink>
  );
}
