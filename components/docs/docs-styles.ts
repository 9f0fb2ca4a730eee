/**
 * Docs-only CSS that utility classes cannot express well, inlined into each docs page (about
 * 1.5 kB): both themes of the build-time highlighted code (shiki writes inline colours plus CSS
 * variables for dark), the radio-button language switch of samples (:has(), no script), the
 * target row of the errors table, and the theme button's icon. Code blocks off screen skip
 * layout and paint until they are near (content-visibility), which keeps long pages fast.
 */
/** Without scripts, the buttons that need them (copy, try it) are not shown. */
export const DOCS_NOSCRIPT_CSS = "[data-copy],[data-try-it]{display:none!important}";

export const DOCS_CSS = `
.docs-code pre.shiki{margin:0;overflow-x:auto;padding:.875rem 1rem;font-size:.8125rem;line-height:1.6;font-family:var(--font-mono);background-color:var(--muted)!important}
.docs-code pre.shiki span{background-color:transparent!important}
.docs-code pre.shiki:focus-visible{outline:2px solid var(--ring);outline-offset:-2px}
.dark .docs-code pre.shiki{background-color:#0d1117!important;color:#e6edf3!important}
.dark .docs-code pre.shiki span{color:var(--shiki-dark)!important}
.docs-sample [data-panel]:not([data-panel="curl"]),.docs-sample:has(input:not([value="curl"]):checked) [data-panel="curl"]{display:none}
.docs-sample:has([value="javascript"]:checked) [data-panel="javascript"],.docs-sample:has([value="sdk"]:checked) [data-panel="sdk"],.docs-sample:has([value="cli"]:checked) [data-panel="cli"]{display:block}
.docs-sample input[type="radio"]:checked+label{background-color:var(--background);color:var(--foreground);box-shadow:0 0 0 1px var(--border)}
.docs-sample input[type="radio"]:focus-visible+label{outline:2px solid var(--ring);outline-offset:1px}
.docs-code{content-visibility:auto;contain-intrinsic-size:auto 12rem}
.docs-article :target{scroll-margin-top:5rem}
.docs-article tr:target{background-color:var(--primary-muted)}
[data-search-results] [aria-selected="true"]{background-color:var(--accent)}
[data-theme-icon]{display:none}
html:not([data-theme-choice]) [data-theme-icon="system"],html[data-theme-choice="system"] [data-theme-icon="system"],html[data-theme-choice="light"] [data-theme-icon="light"],html[data-theme-choice="dark"] [data-theme-icon="dark"]{display:block}
`.trim();
