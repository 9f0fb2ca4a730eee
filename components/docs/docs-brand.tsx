/**
 * The docs' own skip link (the dashboard shell has an equivalent; the docs stay
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
