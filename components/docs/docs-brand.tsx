/**
 * The docs' own skip link and product mark (the dashboard shell has equivalents; the docs stay
 * independent of it because they render as static HTML outside the portal's layout).
 */
export function DocsSkipLink({ targetId }: { targetId: string }) {
  return (
    <a
      href={`#${targetId}`}
      className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-[100] focus:rounded-md focus:bg-background focus:px-3 focus:py-2 focus:font-medium focus:text-sm focus:shadow-md focus:outline-2 focus:outline-ring"
    >
      Skip to content
    </a>
  );
}

export function DocsBrandMark() {
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
