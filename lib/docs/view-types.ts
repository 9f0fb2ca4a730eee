/**
 * What the docs pages receive as props: plain JSON made at build time (highlighted HTML
 * included), so the pages render without any data or highlighter at run time.
 */

export interface NavLink {
  title: string;
  href: string;
}

export interface NavGroup {
  title: string;
  links: NavLink[];
}

export interface TocEntry {
  id: string;
  title: string;
  level: 2 | 3;
}

export interface SampleView {
  id: string;
  title: string;
  operation: string | null;
  operationHref: string | null;
  curlHtml: string;
  javascriptHtml: string;
  /** null: the SDK (or the CLI) has no way to send this request. */
  sdkHtml: string | null;
  cliHtml: string | null;
}

export type BlockView =
  | { kind: "p"; text: string }
  | { kind: "list"; items: string[]; ordered: boolean }
  | { kind: "table"; head: string[]; rows: string[][]; caption: string; rowIds: string[] | null }
  | { kind: "sample"; sample: SampleView }
  | { kind: "code"; title: string; html: string }
  | { kind: "note"; tone: "info" | "warning"; text: string }
  | { kind: "qa"; id: string; question: string; answer: BlockView[] };

export interface SectionView {
  id: string;
  title: string;
  blocks: BlockView[];
  subsections: Array<{ id: string; title: string; blocks: BlockView[] }>;
}

export interface PageChrome {
  nav: NavGroup[];
  currentHref: string;
  prev: NavLink | null;
  next: NavLink | null;
}

/** The docs' own static assets, with this build's version in the query. */
export interface DocsAssetUrls {
  script: string;
  tryIt: string;
  minisearch: string;
  searchIndex: string;
}

export interface GuideView {
  slug: string;
  title: string;
  description: string;
  sections: SectionView[];
  toc: TocEntry[];
}

export interface FieldView {
  name: string;
  depth: number;
  type: string;
  required: boolean;
  nullable: boolean;
  description: string;
  constraints: string[];
}

export interface ResponseView {
  status: string;
  description: string;
  contentType: string | null;
  schemaName: string | null;
  fields: FieldView[];
  exampleHtml: string | null;
  errorCodes: string[];
}

/** What the try-it panel needs to build a request for one operation. */
export interface TryItSpec {
  method: string;
  path: string;
  pathParams: Array<{ name: string; example: string }>;
  queryParams: Array<{ name: string; example: string; required: boolean; description: string }>;
  body: string | null;
  public: boolean;
}

export interface OperationView {
  anchor: string;
  operationId: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  scopes: string[] | null;
  dashboardOnly: boolean;
  deprecated: boolean;
  parameters: Array<{
    name: string;
    in: string;
    required: boolean;
    type: string;
    description: string;
    constraints: string[];
  }>;
  body: {
    contentType: string;
    required: boolean;
    schemaName: string | null;
    fields: FieldView[];
    exampleHtml: string;
  } | null;
  responses: ResponseView[];
  sample: SampleView;
  tryIt: TryItSpec;
}

export interface TagView {
  name: string;
  slug: string;
  description: string;
  operations: OperationView[];
}

export interface TagSummary {
  name: string;
  slug: string;
  description: string;
  operations: Array<{ method: string; path: string; summary: string; href: string }>;
}
