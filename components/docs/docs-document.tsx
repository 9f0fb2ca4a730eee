import type { ReactNode } from "react";
import { DOCS_CSS, DOCS_NOSCRIPT_CSS } from "./docs-styles";

/**
 * Applies the stored colour theme before the first paint. Same storage key and values as the
 * dashboard's theme script ("theme": light, dark or system), so both follow one choice.
 */
const THEME_SCRIPT = `(function(){try{var c=localStorage.getItem("theme")||"system";var d=c==="dark"||(c==="system"&&matchMedia("(prefers-color-scheme: dark)").matches);var e=document.documentElement;e.classList.toggle("dark",d);e.style.colorScheme=d?"dark":"light";e.dataset.themeChoice=c;}catch(_){}})();`;

/** The whole HTML document of a docs page: head with styles and theme, then the page. */
export function DocsDocument({
  title,
  description,
  stylesheets,
  children,
}: {
  title: string;
  description: string;
  stylesheets: string[];
  children: ReactNode;
}) {
  return (
    <html lang="en">
      {/* biome-ignore lint/style/noHeadElement: a static document of our own, not a Next page */}
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Cloud API Docs`}</title>
        <meta name="description" content={description} />
        <meta name="theme-color" media="(prefers-color-scheme: light)" content="#ffffff" />
        <meta name="theme-color" media="(prefers-color-scheme: dark)" content="#09090b" />
        {/* The portal's icons (public/, scripts/make-icons.mjs). */}
        <link rel="icon" href="/favicon.ico" sizes="48x48" />
        <link rel="icon" href="/icon.svg" type="image/svg+xml" />
        <link rel="apple-touch-icon" href="/apple-touch-icon.png" />
        <link rel="manifest" href="/site.webmanifest" />
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant of ours, needed before paint */}
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
        {stylesheets.map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: our own constant CSS */}
        <style dangerouslySetInnerHTML={{ __html: DOCS_CSS }} />
        <noscript>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: our own constant CSS */}
          <style dangerouslySetInnerHTML={{ __html: DOCS_NOSCRIPT_CSS }} />
        </noscript>
      </head>
      <body className="min-h-dvh text-sm antialiased">{children}</body>
    </html>
  );
}
