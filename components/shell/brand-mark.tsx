/** The product mark: an inline SVG (no image request, no foreign origin). */
export function BrandMark() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className="size-6 text-primary">
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

export const BRAND_CLASSES =
  "inline-flex items-center gap-2 rounded-md font-semibold text-[15px] tracking-tight";

/** The mark and the name, for a link to the home page (Brand, or a plain <a> without Next's Link). */
export function BrandContent() {
  return (
    <>
      <BrandMark />
      <span>Cloud API</span>
    </>
  );
}
