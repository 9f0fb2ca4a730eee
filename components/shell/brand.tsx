import Link from "next/link";
import { cn } from "@/lib/utils";

/** The product mark: an inline SVG (no image request, no foreign origin). */
export function BrandMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className={cn("size-6 text-primary", className)}>
      <rect width="24" height="24" rx="6" fill="currentColor" />
      <path
        d="M7.5 15.5a3.5 3.5 0 0 1 .4-6.98 4.5 4.5 0 0 1 8.7 1.2A2.9 2.9 0 0 1 16.5 15.5z"
        fill="none"
        stroke="var(--color-primary-foreground)"
        strokeWidth="1.6"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function Brand({ href = "/", className }: { href?: string; className?: string }) {
  return (
    <Link
      href={href}
      className={cn(
        "inline-flex items-center gap-2 rounded-md font-semibold text-[15px] tracking-tight",
        className,
      )}
    >
      <BrandMark />
      <span>Cloud API</span>
    </Link>
  );
}
