import type { ReactNode } from "react";
import type { DocsAssetUrls, PageChrome, TocEntry } from "@/lib/docs/view-types";
import { DocsSkipLink } from "./docs-brand";
import { DocsHeader } from "./docs-header";
import { DocsNav, TableOfContents } from "./docs-nav";

function PrevNext({ chrome }: { chrome: PageChrome }) {
  if (!chrome.prev && !chrome.next) return null;
  const card = "group grid gap-0.5 rounded-lg border p-4 hover:bg-accent/60";
  return (
    <nav
      aria-label="Previous and next page"
      className="mt-16 grid gap-3 border-t pt-8 sm:grid-cols-2"
    >
      {chrome.prev ? (
        <a href={chrome.prev.href} rel="prev" className={card}>
          <span className="text-muted-foreground text-xs">Previous</span>
          <span className="font-medium">← {chrome.prev.title}</span>
        </a>
      ) : (
        <span />
      )}
      {chrome.next ? (
        <a href={chrome.next.href} rel="next" className={`${card} sm:text-right`}>
          <span className="text-muted-foreground text-xs">Next</span>
          <span className="font-medium">{chrome.next.title} →</span>
        </a>
      ) : null}
    </nav>
  );
}

/**
 * The whole docs page: top bar, sidebar (a disclosure on small screens), the article, its table
 * of contents, and previous/next links. Static markup; docs.js adds copy, search and theme.
 */
export function DocsFrame({
  chrome,
  assets,
  toc,
  title,
  description,
  children,
}: {
  chrome: PageChrome;
  assets: DocsAssetUrls;
  toc: TocEntry[];
  title: string;
  description: string;
  children: ReactNode;
}) {
  return (
    <div className="min-h-dvh bg-background text-foreground text-sm">
      <DocsSkipLink targetId="docs-content" />
      <DocsHeader />
      <div className="mx-auto max-w-screen-2xl lg:grid lg:grid-cols-[15rem_minmax(0,1fr)] xl:grid-cols-[15rem_minmax(0,1fr)_15rem]">
        <aside className="sticky top-14 hidden h-[calc(100dvh-3.5rem)] overflow-y-auto border-r px-3 py-6 lg:block">
          <DocsNav nav={chrome.nav} currentHref={chrome.currentHref} label="Documentation" />
        </aside>
        <div className="min-w-0 px-4 py-8 sm:px-8 lg:px-12">
          <details className="mb-6 rounded-lg border lg:hidden">
            <summary className="cursor-pointer px-4 py-2.5 font-medium">Menu</summary>
            <div className="border-t px-2 py-4">
              <DocsNav nav={chrome.nav} currentHref={chrome.currentHref} label="Documentation" />
            </div>
          </details>
          <main
            id="docs-content"
            tabIndex={-1}
            className="docs-article mx-auto max-w-3xl outline-none"
          >
            <header className="mb-8">
              <h1 className="font-semibold text-3xl tracking-tight">{title}</h1>
              <p className="mt-3 text-base text-muted-foreground leading-7">{description}</p>
            </header>
            {toc.length > 2 ? (
              <details className="mb-8 rounded-lg border px-4 py-3 xl:hidden">
                <summary className="cursor-pointer font-medium">On this page</summary>
                <div className="mt-3">
                  <TableOfContents toc={toc} label="Contents" />
                </div>
              </details>
            ) : null}
            {children}
            <PrevNext chrome={chrome} />
          </main>
        </div>
        <aside className="sticky top-14 hidden h-[calc(100dvh-3.5rem)] overflow-y-auto px-4 py-8 xl:block">
          <TableOfContents toc={toc} />
        </aside>
      </div>
      <script
        src={assets.script}
        defer
        data-search-index={assets.searchIndex}
        data-minisearch={assets.minisearch}
        data-try-it={assets.tryIt}
      />
    </div>
  );
}
