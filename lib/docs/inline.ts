/**
 * The inline markup our doc strings use: `code`, **bold** and [text](href). Small on purpose:
 * the pages render it, the search index reads its plain text, and nothing else is needed.
 */
export type InlineNode =
  | { kind: "text"; text: string }
  | { kind: "code"; text: string }
  | { kind: "strong"; text: string }
  /** The text may hold `code` or **bold** itself. */
  | { kind: "link"; text: string; href: string };

const TOKEN = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

export function parseInline(source: string): InlineNode[] {
  const nodes: InlineNode[] = [];
  let last = 0;
  for (const match of source.matchAll(TOKEN)) {
    const start = match.index ?? 0;
    if (start > last) nodes.push({ kind: "text", text: source.slice(last, start) });
    if (match[1] !== undefined) nodes.push({ kind: "code", text: match[1] });
    else if (match[2] !== undefined) nodes.push({ kind: "strong", text: match[2] });
    else if (match[3] !== undefined && match[4] !== undefined)
      nodes.push({ kind: "link", text: match[3], href: match[4] });
    last = start + match[0].length;
  }
  if (last < source.length) nodes.push({ kind: "text", text: source.slice(last) });
  return nodes;
}

/** The words a reader sees, for search and for descriptions. */
export function inlineToPlain(source: string): string {
  return parseInline(source)
    .map((node) => (node.kind === "link" ? inlineToPlain(node.text) : node.text))
    .join("");
}
