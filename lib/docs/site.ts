import { cliCodeFor, sdkCodeFor } from "./client-code";
import { type ContentContext, contentContext, referenceHref } from "./content/context";
import type { Block, DocPage } from "./content-types";
import { docsHref } from "./content-types";
import { highlightCode } from "./highlight";
import type { JsonSchema, OpenApiDocument } from "./openapi-types";
import { docPages } from "./pages";
import { type ApiOperation, type ApiTag, referenceOf } from "./reference";
import { sampleForOperation } from "./reference-samples";
import { curlFor, javascriptFor } from "./sample-code";
import { type DocSample, findSample } from "./samples";
import { exampleOf, fieldsOf, refName, typeLabel } from "./schema-tools";
import type {
  BlockView,
  FieldView,
  GuideView,
  NavGroup,
  NavLink,
  OperationView,
  PageChrome,
  SampleView,
  TagSummary,
  TagView,
  TocEntry,
} from "./view-types";

/** Everything the docs are made from, loaded once per process. */
export interface DocsSite {
  doc: OpenApiDocument;
  operations: ApiOperation[];
  tags: ApiTag[];
  ctx: ContentContext;
  pages: DocPage[];
}

const TAG_ORDER_LAST = ["Meta"];

/** The docs of one OpenAPI document (the build's own, or the one a server under test serves). */
export function buildDocsSite(doc: OpenApiDocument): DocsSite {
  const reference = referenceOf(doc, (schema) => exampleOf(doc, schema));
  const tags = [
    ...reference.tags.filter((t) => !TAG_ORDER_LAST.includes(t.name)),
    ...reference.tags.filter((t) => TAG_ORDER_LAST.includes(t.name)),
  ];
  const ctx = contentContext(doc, reference.operations);
  return { doc, operations: reference.operations, tags, ctx, pages: docPages(ctx) };
}

/** A sample is shown only if the operation it calls exists in this build of the API. */
export function isSampleShown(s: DocsSite, sample: DocSample): boolean {
  return sample.operation === null || s.ctx.has(sample.operation);
}

/** Every runnable sample the docs show, guides and reference, once each: what the doc tests run. */
export function shownSamples(s: DocsSite): DocSample[] {
  const out = new Map<string, DocSample>();
  const visit = (blocks: Block[]) => {
    for (const block of blocks) {
      if (block.kind === "sample") {
        const sample = findSample(block.id);
        if (isSampleShown(s, sample)) out.set(sample.id, sample);
      } else if (block.kind === "qa") visit(block.answer);
    }
  };
  for (const page of s.pages) {
    for (const section of page.sections) {
      visit(section.blocks);
      for (const sub of section.subsections ?? []) visit(sub.blocks);
    }
  }
  for (const operation of s.operations) {
    const sample = sampleForOperation(s.doc, operation);
    out.set(sample.id, sample);
  }
  return [...out.values()];
}

/** A sample in every language the docs show it in; null where that client cannot say it. */
export interface SampleCode {
  curl: string;
  javascript: string;
  sdk: string | null;
  cli: string | null;
}

/** Every expected answer is an error (the SDK throws, the CLI exits 1). */
export function expectsOnlyErrors(sample: DocSample): boolean {
  const statuses = [sample.expect.status].flat();
  return statuses.every((status) => status >= 400);
}

export function sampleCode(sample: DocSample): SampleCode {
  const input = {
    request: sample.request,
    operation: sample.operation,
    expectsError: expectsOnlyErrors(sample),
  };
  return {
    curl: sample.curl ?? curlFor(sample.request),
    javascript: sample.javascript ?? javascriptFor(sample.request),
    sdk: sample.sdk !== undefined ? sample.sdk : sdkCodeFor(input),
    cli: sample.cli === undefined ? cliCodeFor(input) : sample.cli,
  };
}

async function sampleView(s: DocsSite, sample: DocSample, baseUrl: string): Promise<SampleView> {
  const code = sampleCode(sample);
  return {
    id: sample.id,
    title: sample.title,
    operation: sample.operation,
    operationHref: sample.operation ? s.ctx.hrefOf(sample.operation) : null,
    curlHtml: await highlightCode(code.curl, "shellscript", baseUrl),
    javascriptHtml: await highlightCode(code.javascript, "javascript", baseUrl),
    sdkHtml: code.sdk === null ? null : await highlightCode(code.sdk, "javascript", baseUrl),
    cliHtml: code.cli === null ? null : await highlightCode(code.cli, "shellscript", baseUrl),
  };
}

async function blockViews(s: DocsSite, blocks: Block[], baseUrl: string): Promise<BlockView[]> {
  const views: BlockView[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case "sample": {
        const sample = findSample(block.id);
        if (isSampleShown(s, sample))
          views.push({ kind: "sample", sample: await sampleView(s, sample, baseUrl) });
        break;
      }
      case "code":
        views.push({
          kind: "code",
          title: block.title,
          html: await highlightCode(block.code, block.lang, baseUrl),
        });
        break;
      case "qa":
        views.push({
          kind: "qa",
          id: block.id,
          question: block.question,
          answer: await blockViews(s, block.answer, baseUrl),
        });
        break;
      case "list":
        views.push({ kind: "list", items: block.items, ordered: block.ordered ?? false });
        break;
      case "table":
        views.push({ ...block, rowIds: block.rowIds ?? null });
        break;
      default:
        views.push(block);
    }
  }
  return views;
}

export function navigation(s: DocsSite): NavGroup[] {
  const groups: NavGroup[] = [];
  for (const page of s.pages) {
    let group = groups.find((g) => g.title === page.group);
    if (!group) {
      group = { title: page.group, links: [] };
      groups.push(group);
    }
    group.links.push({ title: page.slug ? page.title : "Overview", href: docsHref(page.slug) });
  }
  groups.push({
    title: "API reference",
    links: [
      { title: "All operations", href: "/docs/api" },
      ...s.tags.map((tag) => ({ title: tag.name, href: `/docs/api/${tag.slug}` })),
    ],
  });
  return groups;
}

/** The sidebar, previous/next and asset links of the page at `href`. */
export function pageChrome(s: DocsSite, href: string): PageChrome {
  const nav = navigation(s);
  const order: NavLink[] = nav.flatMap((group) => group.links);
  const index = order.findIndex((link) => link.href === href);
  return {
    nav,
    currentHref: href,
    prev: index > 0 ? (order[index - 1] ?? null) : null,
    next: index >= 0 && index < order.length - 1 ? (order[index + 1] ?? null) : null,
  };
}

/** A guide with its samples addressed to `baseUrl` (the deployment's, see lib/net/public-base-url.ts). */
export async function guideView(s: DocsSite, slug: string, baseUrl: string): Promise<GuideView> {
  const page = s.pages.find((p) => p.slug === slug);
  if (!page) throw new Error(`no docs page ${slug}`);
  const toc: TocEntry[] = [];
  const sections = [];
  for (const section of page.sections) {
    toc.push({ id: section.id, title: section.title, level: 2 });
    const subsections = [];
    for (const sub of section.subsections ?? []) {
      toc.push({ id: sub.id, title: sub.title, level: 3 });
      subsections.push({
        id: sub.id,
        title: sub.title,
        blocks: await blockViews(s, sub.blocks, baseUrl),
      });
    }
    sections.push({
      id: section.id,
      title: section.title,
      blocks: await blockViews(s, section.blocks, baseUrl),
      subsections,
    });
  }
  if (page.slug === "faq") {
    // The FAQ's table of contents lists the questions themselves.
    toc.length = 0;
    for (const block of page.sections.flatMap((sec) => sec.blocks)) {
      if (block.kind === "qa") toc.push({ id: block.id, title: block.question, level: 2 });
    }
  }
  return { slug: page.slug, title: page.title, description: page.description, sections, toc };
}

function fieldViews(doc: OpenApiDocument, schema: JsonSchema): FieldView[] {
  return fieldsOf(doc, schema, 3);
}

function schemaNameOf(schema: JsonSchema): string | null {
  if (schema.$ref) return refName(schema.$ref);
  if (schema.type === "array" && schema.items?.$ref)
    return `array of ${refName(schema.items.$ref)}`;
  return null;
}

function exampleString(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return "";
}

async function operationView(
  s: DocsSite,
  op: ApiOperation,
  baseUrl: string,
): Promise<OperationView> {
  const { doc } = s;
  const json = (value: unknown) => highlightCode(JSON.stringify(value, null, 2), "json", baseUrl);
  const responses = [];
  for (const response of op.responses) {
    responses.push({
      status: response.status,
      description: response.description,
      contentType: response.contentType,
      schemaName: response.schema ? schemaNameOf(response.schema) : null,
      fields:
        response.schema && response.status.startsWith("2") ? fieldViews(doc, response.schema) : [],
      exampleHtml:
        response.example !== null &&
        response.example !== undefined &&
        response.status.startsWith("2")
          ? await json(response.example)
          : null,
      errorCodes: response.errorCodes,
    });
  }
  const sample = sampleForOperation(doc, op);
  return {
    anchor: op.anchor,
    operationId: op.operationId,
    method: op.method,
    path: op.path,
    summary: op.summary,
    description: op.description,
    scopes: op.scopes,
    dashboardOnly: op.dashboardOnly,
    deprecated: op.deprecated,
    parameters: op.parameters.map((p) => ({
      name: p.name,
      in: p.in,
      required: p.required ?? false,
      type: p.schema ? typeLabel(doc, p.schema) : "string",
      description: p.description ?? p.schema?.description ?? "",
      constraints: p.schema?.enum
        ? [`one of ${p.schema.enum.map((v) => JSON.stringify(v)).join(", ")}`]
        : [],
    })),
    body: op.requestBody
      ? {
          contentType: op.requestBody.contentType,
          required: op.requestBody.required,
          schemaName: schemaNameOf(op.requestBody.schema),
          fields: fieldViews(doc, op.requestBody.schema),
          exampleHtml: await json(op.requestBody.example),
        }
      : null,
    responses,
    sample: await sampleView(s, sample, baseUrl),
    tryIt: {
      method: op.method,
      path: op.path,
      pathParams: op.parameters
        .filter((p) => p.in === "path")
        .map((p) => ({
          name: p.name,
          example: exampleString(p.example ?? (p.schema ? exampleOf(doc, p.schema) : "")),
        })),
      queryParams: op.parameters
        .filter((p) => p.in === "query")
        .map((p) => ({
          name: p.name,
          example: p.required
            ? exampleString(p.example ?? (p.schema ? exampleOf(doc, p.schema) : ""))
            : "",
          required: p.required ?? false,
          description: p.description ?? "",
        })),
      body: op.requestBody ? JSON.stringify(op.requestBody.example, null, 2) : null,
      public: op.scopes === null,
    },
  };
}

export async function tagView(s: DocsSite, slug: string, baseUrl: string): Promise<TagView> {
  const tag = s.tags.find((t) => t.slug === slug);
  if (!tag) throw new Error(`no reference tag ${slug}`);
  const operations = [];
  for (const op of tag.operations) operations.push(await operationView(s, op, baseUrl));
  return { name: tag.name, slug: tag.slug, description: tag.description, operations };
}

export function tagSummaries(s: DocsSite): TagSummary[] {
  return s.tags.map((tag) => ({
    name: tag.name,
    slug: tag.slug,
    description: tag.description,
    operations: tag.operations.map((op) => ({
      method: op.method,
      path: op.path,
      summary: op.summary,
      href: referenceHref(op),
    })),
  }));
}
