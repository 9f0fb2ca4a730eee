import type { NavGroup, TocEntry } from "@/lib/docs/view-types";
import { cn } from "@/lib/utils";

export function DocsNav({
  nav,
  currentHref,
  label,
}: {
  nav: NavGroup[];
  currentHref: string;
  label: string;
}) {
  return (
    <nav aria-label={label} className="grid gap-6 text-sm">
      {nav.map((group) => (
        <div key={group.title}>
          <p className="mb-1.5 px-2 font-medium text-muted-foreground text-xs uppercase tracking-wide">
            {group.title}
          </p>
          <ul className="grid gap-0.5">
            {group.links.map((link) => {
              const current = link.href === currentHref;
              return (
                <li key={link.href}>
                  <a
                    href={link.href}
                    aria-current={current ? "page" : undefined}
                    className={cn(
                      "block rounded-md px-2 py-1.5 transition-colors",
                      current
                        ? "bg-accent font-medium text-accent-foreground"
                        : "text-muted-foreground hover:bg-accent/70 hover:text-foreground",
                    )}
                  >
                    {link.title}
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}

export function TableOfContents({
  toc,
  label = "On this page",
}: {
  toc: TocEntry[];
  label?: string;
}) {
  if (toc.length === 0) return null;
  return (
    <nav aria-label={label} className="text-sm">
      <p className="mb-2 font-medium">{label}</p>
      <ul className="grid gap-1.5">
        {toc.map((entry) => (
          <li key={entry.id} className={entry.level === 3 ? "pl-3" : undefined}>
            <a href={`#${entry.id}`} className="text-muted-foreground hover:text-foreground">
              {entry.title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
