import MiniSearch from "minisearch";
import { beforeAll, describe, expect, it } from "vitest";
import { SCOPE_GROUPS } from "@/lib/catalog/scopes";
import { SCOPE_GROUP_PURPOSE } from "@/lib/docs/content/authentication";
import type { Block } from "@/lib/docs/content-types";
import { docsHref } from "@/lib/docs/content-types";
import { ERROR_GUIDE } from "@/lib/docs/error-guide";
import { loadDocsSite } from "@/lib/docs/load-site";
import { HTTP_METHODS } from "@/lib/docs/openapi-types";
import { guidePageProps, referenceIndexProps, tagPageProps } from "@/lib/docs/page-props";
import { DOC_SLUGS } from "@/lib/docs/pages";
import { operationKey } from "@/lib/docs/reference";
import { SAMPLES } from "@/lib/docs/samples";
import { buildSearchIndex, SEARCH_OPTIONS, searchDocuments } from "@/lib/docs/search-index";
import { type DocsSite, sampleCode, shownSamples } from "@/lib/docs/site";
import { ERROR_CODES } from "@/lib/errors";
import { guideHtml, referenceIndexHtml, tagHtml } from "./render-pages";

let site: DocsSite;
/** Every docs page as served: path -> HTML. */
const pages = new Map<string, string>();
/** The deployment's address, as server.ts would hand it to the docs routes. */
const BASE_URL = "https://cloud.deployment.test";

beforeAll(async () => {
  site = await loadDocsSite();
  for (const slug of DOC_SLUGS)
    pages.set(docsHref(slug), guideHtml(await guidePageProps(slug, [], BASE_URL)));
  pages.set("/docs/api", referenceIndexHtml(await referenceIndexProps([])));
  for (const tag of site.tags)
    pages.set(`/docs/api/${tag.slug}`, tagHtml(await tagPageProps(tag.slug, [], BASE_URL)));
}, 60_000);

function allBlocks(blocks: Block[]): Block[] {
  return blocks.flatMap((b) => (b.kind === "qa" ? [b, ...allBlocks(b.answer)] : [b]));
}
const contentBlocks = () =>
  site.pages.flatMap((p) =>
    p.sections.flatMap((s) => [
      ...allBlocks(s.blocks),
      ...(s.subsections ?? []).flatMap((x) => allBlocks(x.blocks)),
    ]),
  );

describe("API reference", () => {
  it("has every operation of the OpenAPI document, with its anchor on its tag page", () => {
    const missing: string[] = [];
    for (const [path, item] of Object.entries(site.doc.paths ?? {})) {
      for (const method of HTTP_METHODS) {
        if (!item[method]) continue;
        const op = site.operations.find(
          (o) => operationKey(o.method, o.path) === operationKey(method, path),
        );
        const html = op ? pages.get(`/docs/api/${op.tagSlug}`) : undefined;
        if (!op || !html?.includes(`id="${op.anchor}"`) || !html.includes(`>${path}</code>`))
          missing.push(operationKey(method, path));
      }
    }
    expect(missing).toEqual([]);
    expect(site.operations.length).toBeGreaterThan(0);
  });

  it("names the required scope of every operation that declares one", () => {
    for (const op of site.operations) {
      for (const scope of op.scopes ?? [])
        expect(pages.get(`/docs/api/${op.tagSlug}`)).toContain(`>${scope}</code>`);
    }
  });
});

describe("Errors page", () => {
  it("lists every code of ERROR_CODES with its status, meaning and advice", () => {
    const html = pages.get("/docs/errors") ?? "";
    for (const [code, info] of Object.entries(ERROR_CODES)) {
      expect(html, code).toContain(`id="${code}"`);
      expect(html, code).toContain(`${info.status} ${info.title}`);
      expect(ERROR_GUIDE[code as keyof typeof ERROR_CODES], `guidance for ${code}`).toBeDefined();
    }
  });
});

describe("content", () => {
  it("shows no curl or fetch call outside a runnable sample", () => {
    for (const block of contentBlocks()) {
      if (block.kind === "code") {
        expect(block.code, block.title).not.toMatch(/\bcurl\b|\bfetch\(/);
      }
    }
  });

  it("refers only to samples that exist, and every hand-written sample calls a documented operation", () => {
    const ids = new Set(SAMPLES.map((s) => s.id));
    for (const block of contentBlocks())
      if (block.kind === "sample") expect(ids).toContain(block.id);
    const undocumented = SAMPLES.filter(
      (s) => s.operation !== null && !site.ctx.has(s.operation),
    ).map((s) => `${s.id}: ${s.operation}`);
    expect(undocumented).toEqual([]);
  });

  it("has a sample with curl and JavaScript for every operation", () => {
    const samples = shownSamples(site);
    for (const op of site.operations) {
      expect(samples.some((s) => s.operation === operationKey(op.method, op.path))).toBe(true);
    }
  });

  it("shows every sample in the SDK and the CLI too, but where that client cannot say it", () => {
    // Each entry is a request the client has no way to send, with the reason.
    const noSdk: Record<string, string> = {
      "unknown-version": "outside /v1",
    };
    const noCli: Record<string, string> = {
      "unknown-version": "outside /v1",
      "stream-events": "a guide sample for a stream: the reference sample shows events tail",
      "op-get-v1-audit-logs": "no cloud audit-logs command yet",
      "op-get-v1-audit-logs-id": "no cloud audit-logs get command yet",
      "missing-key": "the CLI always sends a key",
      "validation-failed": "the CLI refuses a create without --name before sending",
      "rate-limit-headers": "the CLI prints bodies, not headers",
      "op-get-v1-openapi-json": "no command: the document is for tools",
      "op-post-v1-billing-plan": "dashboard only",
      "op-put-v1-billing-budget": "dashboard only",
      "op-delete-v1-billing-budget": "dashboard only",
      // Ownership moves only in the portal.
      "op-post-v1-members-id-transfer-ownership": "dashboard only",
      "op-post-v1-invitations-accept": "dashboard only: the invite page accepts",
      "create-deployment-waves": "waves and approvals need --file: no flag says them",
      "list-member-audit": "no cloud audit-logs command yet",
      "list-denied-audit": "no cloud audit-logs command yet",
      "export-audit-csv": "no cloud audit-logs command yet",
    };
    const missing = { sdk: [] as string[], cli: [] as string[] };
    for (const sample of shownSamples(site)) {
      const code = sampleCode(sample);
      if (code.sdk === null) missing.sdk.push(sample.id);
      if (code.cli === null) missing.cli.push(sample.id);
    }
    expect(missing.sdk.sort()).toEqual(Object.keys(noSdk).sort());
    expect(missing.cli.sort()).toEqual(Object.keys(noCli).sort());
    const html = pages.get("/docs/getting-started") ?? "";
    const sample = /<figure[^>]*data-sample="create-resource"[\s\S]*?<\/figure>/.exec(html)?.[0];
    for (const panel of ["curl", "javascript", "sdk", "cli"])
      expect(sample, panel).toContain(`data-panel="${panel}"`);
    const text = sample?.replace(/<[^>]+>/g, "");
    expect(text).toContain("cloud resources create --name 'Analytics Pipeline'");
    expect(text).toContain('import { createClient } from "@cloud-api-platform/sdk"');
  });

  it("addresses every sample to the base URL the page was rendered for", () => {
    let shown = 0;
    for (const [path, html] of pages) {
      for (const [, base] of html.matchAll(/<span data-base-url="">([^<]*)<\/span>/g)) {
        expect(base, path).toBe(BASE_URL);
        shown++;
      }
      expect(html, path).not.toContain("{{BASE_URL}}");
    }
    expect(shown).toBeGreaterThan(50);
  });

  it("never names a foreign API host", () => {
    for (const [path, html] of pages)
      expect(html, path).not.toMatch(/cloudplatform\.io|api\.example\.com/);
  });

  it("links only to docs pages and anchors that exist", () => {
    const ids = new Map(
      [...pages].map(([path, html]) => [
        path,
        new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1])),
      ]),
    );
    const broken: string[] = [];
    for (const [from, html] of pages) {
      for (const [, href] of html.matchAll(/href="(\/docs[^"?]*)"/g)) {
        const [path, anchor] = (href ?? "").split("#");
        if (path?.startsWith("/docs/assets")) continue;
        const target = ids.get(path || from);
        if (!target || (anchor && !target.has(anchor))) broken.push(`${from} -> ${href}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("explains every scope group", () => {
    for (const group of SCOPE_GROUPS)
      expect(SCOPE_GROUP_PURPOSE[group.group], group.group).toBeDefined();
  });

  it("answers every question of the published FAQ", () => {
    const faq = pages.get("/docs/faq") ?? "";
    for (const question of [
      "What are the rate limits?",
      "Is there a sandbox environment?",
      "How does API versioning work?",
      "How does pagination work?",
      "What is the webhook retry policy?",
      "How can I get support?",
    ]) {
      expect(faq).toContain(question);
    }
    expect(faq).not.toMatch(/coming soon/i);
  });
});

describe("search index", () => {
  it("finds the rate-limit guide and the Idempotency-Key header", () => {
    const { index, options } = buildSearchIndex(site);
    const search = MiniSearch.loadJS(index as Parameters<typeof MiniSearch.loadJS>[0], options);
    const hrefs = (q: string) => search.search(q).map((r) => String(r.href));
    expect(hrefs("rate limit").some((h) => h.startsWith("/docs/rate-limits"))).toBe(true);
    expect(hrefs("Idempotency-Key").some((h) => h.startsWith("/docs/idempotency"))).toBe(true);
    expect(searchDocuments(site).length).toBeGreaterThan(site.operations.length);
    expect(SEARCH_OPTIONS.storeFields).toContain("href");
  });
});
