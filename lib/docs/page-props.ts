import { createHash } from "node:crypto";
import { PROXY_BASE, PROXY_ENVIRONMENT_HEADER } from "@/lib/portal/proxy-protocol";
import { appStylesheets } from "./app-stylesheets";
import { loadDocsSite } from "./load-site";
import { buildSearchIndex } from "./search-index";
import { type DocsSite, guideView, pageChrome, tagSummaries, tagView } from "./site";
import type { DocsAssetUrls, GuideView, PageChrome, TagSummary, TagView } from "./view-types";

/** Where the docs' static assets are served (app/docs/assets/*). */
export const DOCS_ASSETS = {
  script: "/docs/assets/docs.js",
  tryIt: "/docs/assets/try-it.js",
  minisearch: "/docs/assets/minisearch.js",
  searchIndex: "/docs/assets/search-index.json",
} as const;

let version: string | undefined;

/** One content hash for this build's assets, appended as ?v= so browsers never mix builds. */
function assetVersion(site: DocsSite, scripts: string[]): string {
  version ??= createHash("sha256")
    .update(JSON.stringify(buildSearchIndex(site)))
    .update(scripts.join("\n"))
    .digest("hex")
    .slice(0, 12);
  return version;
}

export interface ChromeProps {
  chrome: PageChrome;
  assets: DocsAssetUrls;
  /** The portal's compiled stylesheet (design tokens + utilities), linked by every docs page. */
  stylesheets: string[];
}

async function chromeProps(site: DocsSite, href: string, scripts: string[]): Promise<ChromeProps> {
  const v = assetVersion(site, scripts);
  const assets = {
    script: `${DOCS_ASSETS.script}?v=${v}`,
    tryIt: `${DOCS_ASSETS.tryIt}?v=${v}`,
    minisearch: `${DOCS_ASSETS.minisearch}?v=${v}`,
    searchIndex: `${DOCS_ASSETS.searchIndex}?v=${v}`,
  };
  return { chrome: pageChrome(site, href), assets, stylesheets: appStylesheets() };
}

export interface GuidePageProps extends ChromeProps {
  guide: GuideView;
}

/**
 * Props of /docs and /docs/<slug>. `scripts` are the browser scripts' sources (for the hash);
 * `baseUrl` is the address the samples call.
 */
export async function guidePageProps(
  slug: string,
  scripts: string[],
  baseUrl: string,
): Promise<GuidePageProps> {
  const site = await loadDocsSite();
  const href = slug ? `/docs/${slug}` : "/docs";
  return {
    ...(await chromeProps(site, href, scripts)),
    guide: await guideView(site, slug, baseUrl),
  };
}

export interface ReferenceIndexProps extends ChromeProps {
  tags: TagSummary[];
  operationCount: number;
}

export async function referenceIndexProps(scripts: string[]): Promise<ReferenceIndexProps> {
  const site = await loadDocsSite();
  return {
    ...(await chromeProps(site, "/docs/api", scripts)),
    tags: tagSummaries(site),
    operationCount: site.operations.length,
  };
}

export interface TagPageProps extends ChromeProps {
  tag: TagView;
  proxy: { base: string; environmentHeader: string };
}

export async function tagPageProps(
  slug: string,
  scripts: string[],
  baseUrl: string,
): Promise<TagPageProps> {
  const site = await loadDocsSite();
  return {
    ...(await chromeProps(site, `/docs/api/${slug}`, scripts)),
    tag: await tagView(site, slug, baseUrl),
    proxy: { base: PROXY_BASE, environmentHeader: PROXY_ENVIRONMENT_HEADER },
  };
}

/** Props of the docs' 404 page (its menu marks no page as current). */
export async function notFoundPageProps(scripts: string[]): Promise<ChromeProps> {
  return chromeProps(await loadDocsSite(), "", scripts);
}

export async function referenceTagSlugs(): Promise<string[]> {
  const site = await loadDocsSite();
  return site.tags.map((tag) => tag.slug);
}
