import { createHighlighterCore, type HighlighterCore } from "shiki/core";
import { createJavaScriptRegexEngine } from "shiki/engine/javascript";
import http from "shiki/langs/http.mjs";
import javascript from "shiki/langs/javascript.mjs";
import json from "shiki/langs/json.mjs";
import shellscript from "shiki/langs/shellscript.mjs";
import githubDark from "shiki/themes/github-dark-default.mjs";
import githubLight from "shiki/themes/github-light-default.mjs";
import type { CodeLanguage } from "./content-types";
import { BASE_URL_TOKEN } from "./sample-code";

/**
 * Syntax highlighting on the server, once per page and base URL: the pages ship coloured HTML and
 * no highlighter. Two themes
 * are rendered at once (CSS variables), so dark mode needs no second copy of the code. The
 * "default" GitHub themes keep every token at WCAG AA contrast on our code backgrounds, once
 * the light theme's comment colour is darkened.
 */
let highlighter: Promise<HighlighterCore> | undefined;

function getHighlighter(): Promise<HighlighterCore> {
  highlighter ??= createHighlighterCore({
    themes: [githubLight, githubDark],
    langs: [shellscript, javascript, json, http],
    engine: createJavaScriptRegexEngine(),
  });
  return highlighter;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/**
 * The highlighted <pre>. Each base-URL token becomes a span holding `baseUrl`, the deployment's
 * own address, marked so tests can find every place it is shown.
 */
export async function highlightCode(
  code: string,
  lang: CodeLanguage,
  baseUrl: string,
): Promise<string> {
  const shiki = await getHighlighter();
  const html =
    lang === "text"
      ? `<pre class="shiki" tabindex="0"><code>${escapeHtml(code)}</code></pre>`
      : shiki.codeToHtml(code, {
          lang,
          themes: { light: "github-light-default", dark: "github-dark-default" },
          // The light theme's comment grey is AA on white but not on our code background.
          colorReplacements: { "github-light-default": { "#6e7781": "#57606a" } },
        });
  const expected = code.split(BASE_URL_TOKEN).length - 1;
  const parts = html.split(BASE_URL_TOKEN);
  if (parts.length - 1 !== expected) {
    throw new Error(`the base URL token was split by the highlighter in:\n${code}`);
  }
  return parts.join(`<span data-base-url="">${escapeHtml(baseUrl)}</span>`);
}
