import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

const sizes = {
  2: "mt-12 mb-4 text-xl font-semibold tracking-tight",
  3: "mt-8 mb-3 text-base font-semibold",
} as const;

/** A section heading with its own link, so any part of a page can be shared. */
export function Heading({
  level,
  id,
  children,
  label,
}: {
  level: 2 | 3;
  id: string;
  children: ReactNode;
  /** The heading text in words, for the link's accessible name. */
  label: string;
}) {
  const Tag = level === 2 ? "h2" : "h3";
  return (
    <Tag id={id} className={cn("group flex scroll-mt-20 items-baseline gap-2", sizes[level])}>
      <span>{children}</span>
      <a
        href={`#${id}`}
        aria-label={`Link to this section: ${label}`}
        className="font-normal text-muted-foreground no-underline hover:text-foreground focus-visible:text-foreground"
      >
        #
      </a>
    </Tag>
  );
}
