import MiniSearch, { type Options } from "minisearch";
import { referenceHref } from "./content/context";
import type { Block } from "./content-types";
import { docsHref } from "./content-types";
import { inlineToPlain } from "./inline";
import { operationKey } from "./reference";
import { findSample } from "./samples";
import { type DocsSite, isSampleShown, sampleCode } from "./site";

export interface SearchDocument {
  id: string;
  title: string;
  /** Where it lives, shown under the title: "Rate limits" or "API reference · Resources". */
  section: string;
  href: string;
  text: string;
}

/** Both sides use these: the build to make the index, the browser to load it. */
export const SEARCH_OPTIONS: Options<SearchDocument> = {
  fields: ["title", "section", "text"],
  storeFields: ["title", "section", "href"],
  searchOptions: {
    boost: { title: 3, section: 1.5 },
    prefix: true,
    fuzzy: 0.15,
    combineWith: "AND",
  },
};

function blocksText(site: DocsSite, blocks: Block[]): string {
  const parts: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case "p":
      case "note":
        parts.push(inlineToPlain(block.text));
        break;
      case "list":
        parts.push(...block.items.map(inlineToPlain));
        break;
      case "table":
        parts.push(block.caption, ...block.head, ...block.rows.flat().map(inlineToPlain));
        break;
      case "code":
        parts.push(block.title, block.code);
        break;
      case "sample": {
        const sample = findSample(block.id);
        if (isSampleShown(site, sample)) parts.push(sample.title, sampleCode(sample).curl);
        break;
      }
      case "qa":
        parts.push(block.question, blocksText(site, block.answer));
        break;
    }
  }
  return parts.join(" ");
}

/** One entry per section of every guide, per FAQ question, and per API operation. */
export function searchDocuments(site: DocsSite): SearchDocument[] {
  const documents: SearchDocument[] = [];
  for (const page of site.pages) {
    const href = docsHref(page.slug);
    documents.push({
      id: href,
      title: page.title,
      section: "Guides",
      href,
      text: page.description,
    });
    for (const section of page.sections) {
      const own = section.blocks.filter((b) => b.kind !== "qa");
      documents.push({
        id: `${href}#${section.id}`,
        title: section.title,
        section: page.title,
        href: `${href}#${section.id}`,
        text: blocksText(site, own),
      });
      for (const block of section.blocks) {
        if (block.kind !== "qa") continue;
        documents.push({
          id: `${href}#${block.id}`,
          title: block.question,
          section: page.title,
          href: `${href}#${block.id}`,
          text: blocksText(site, block.answer),
        });
      }
      for (const sub of section.subsections ?? []) {
        documents.push({
          id: `${href}#${sub.id}`,
          title: sub.title,
          section: page.title,
          href: `${href}#${sub.id}`,
          text: blocksText(site, sub.blocks),
        });
      }
    }
  }
  for (const op of site.operations) {
    const href = referenceHref(op);
    documents.push({
      id: href,
      title: `${op.summary}: ${operationKey(op.method, op.path)}`,
      section: `API reference · ${op.tag}`,
      href,
      text: [
        op.description,
        ...(op.scopes ?? []),
        ...op.parameters.map((p) => `${p.name} ${p.description ?? ""}`),
        ...op.responses.flatMap((r) => [r.status, r.description, ...r.errorCodes]),
      ].join(" "),
    });
  }
  return documents;
}

/** The serialised index and the options the browser needs to load it. */
export function buildSearchIndex(site: DocsSite): {
  index: unknown;
  options: Options<SearchDocument>;
} {
  const search = new MiniSearch<SearchDocument>(SEARCH_OPTIONS);
  search.addAll(searchDocuments(site));
  return { index: search.toJSON(), options: SEARCH_OPTIONS };
}
