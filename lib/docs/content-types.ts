/** The shape of a docs page: plain data, so pages, search and tests all read the same thing. */

export type CodeLanguage = "http" | "json" | "text" | "shellscript" | "javascript";

export type Block =
  /** A paragraph in inline markup (see inline.ts). */
  | { kind: "p"; text: string }
  | { kind: "list"; items: string[]; ordered?: boolean }
  | { kind: "table"; head: string[]; rows: string[][]; caption: string; rowIds?: string[] }
  /** A runnable request from samples.ts, shown in curl and JavaScript and executed by the tests. */
  | { kind: "sample"; id: string }
  /** A non-runnable snippet (headers, a response body). Never a curl or fetch call. */
  | { kind: "code"; lang: CodeLanguage; code: string; title: string }
  | { kind: "note"; tone: "info" | "warning"; text: string }
  /** A question and its answer (the FAQ). */
  | { kind: "qa"; id: string; question: string; answer: Block[] };

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
  /** Sub-headings (one level). */
  subsections?: Array<{ id: string; title: string; blocks: Block[] }>;
}

export interface DocPage {
  /** "" is /docs itself. */
  slug: string;
  title: string;
  /** One sentence for the page header, meta description and search. */
  description: string;
  group: "Start" | "Concepts" | "Help";
  sections: Section[];
}

export const docsHref = (slug: string) => (slug ? `/docs/${slug}` : "/docs");
