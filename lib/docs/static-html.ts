import type { ReactNode } from "react";

/**
 * Renders a tree of plain React elements to an HTML string, at build time, for the docs' static
 * pages. Next.js forbids react-dom/server in route handlers, and App Router pages always ship the
 * framework's ~130 kB of JavaScript; the docs need neither hooks nor hydration, so this small
 * renderer is enough. It accepts host elements, fragments, function components, forwardRef and
 * memo; a client component (or any event handler) is a build error, never silently dropped.
 */

const ELEMENT_TYPES = new Set([
  Symbol.for("react.transitional.element"),
  Symbol.for("react.element"),
]);
const FRAGMENT = Symbol.for("react.fragment");
const FORWARD_REF = Symbol.for("react.forward_ref");
const MEMO = Symbol.for("react.memo");

const VOID_ELEMENTS = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);

const ATTRIBUTE_NAMES: Record<string, string> = {
  className: "class",
  htmlFor: "for",
  tabIndex: "tabindex",
  defaultChecked: "checked",
  defaultValue: "value",
  autoComplete: "autocomplete",
  spellCheck: "spellcheck",
  readOnly: "readonly",
  maxLength: "maxlength",
  colSpan: "colspan",
  rowSpan: "rowspan",
  charSet: "charset",
  httpEquiv: "http-equiv",
  crossOrigin: "crossorigin",
  fetchPriority: "fetchpriority",
};

const SKIPPED_PROPS = new Set([
  "children",
  "key",
  "ref",
  "dangerouslySetInnerHTML",
  "suppressHydrationWarning",
]);

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

function attributeName(prop: string): string {
  const mapped = ATTRIBUTE_NAMES[prop];
  if (mapped) return mapped;
  // SVG presentation attributes are written kebab-case in HTML (strokeWidth -> stroke-width).
  if (/^(stroke|fill|clip|stop|font|text|dominant|alignment|color)[A-Z]/.test(prop)) {
    return prop.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  }
  return prop;
}

function styleText(style: Record<string, string | number>): string {
  return Object.entries(style)
    .map(([key, value]) => `${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${value}`)
    .join(";");
}

function attributes(props: Record<string, unknown>): string {
  let out = "";
  for (const [prop, value] of Object.entries(props)) {
    if (SKIPPED_PROPS.has(prop) || value === undefined || value === null) continue;
    if (/^on[A-Z]/.test(prop)) throw new Error(`static docs HTML cannot carry the ${prop} handler`);
    const name = attributeName(prop);
    if (prop === "style" && typeof value === "object") {
      out += ` style="${escapeHtml(styleText(value as Record<string, string | number>))}"`;
    } else if (typeof value === "boolean") {
      if (name.startsWith("aria-") || name.startsWith("data-")) out += ` ${name}="${value}"`;
      else if (value) out += ` ${name}=""`;
    } else {
      out += ` ${name}="${escapeHtml(String(value))}"`;
    }
  }
  return out;
}

interface ElementLike {
  $$typeof: symbol;
  type: unknown;
  props: Record<string, unknown> & { children?: ReactNode };
}

function isElement(node: unknown): node is ElementLike {
  return (
    typeof node === "object" && node !== null && ELEMENT_TYPES.has((node as ElementLike).$$typeof)
  );
}

export function renderStaticHtml(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string") return escapeHtml(node);
  if (typeof node === "number" || typeof node === "bigint") return String(node);
  if (Array.isArray(node)) return node.map(renderStaticHtml).join("");
  if (!isElement(node)) {
    if (typeof node === "object" && Symbol.iterator in node) {
      return Array.from(node as Iterable<ReactNode>, renderStaticHtml).join("");
    }
    throw new Error("static docs HTML cannot render a promise or an unknown node");
  }
  const { type, props } = node;
  if (type === FRAGMENT) return renderStaticHtml(props.children);
  if (typeof type === "string") {
    const inner = props.dangerouslySetInnerHTML as { __html?: string } | undefined;
    const open = `<${type}${attributes(props)}>`;
    if (VOID_ELEMENTS.has(type)) return open;
    const content = inner?.__html ?? renderStaticHtml(props.children);
    return `${open}${content}</${type}>`;
  }
  if (typeof type === "function") {
    return renderStaticHtml((type as (p: unknown) => ReactNode)(props));
  }
  if (typeof type === "object" && type !== null) {
    const kind = (type as { $$typeof?: symbol }).$$typeof;
    if (kind === FORWARD_REF) {
      const render = (type as { render: (p: unknown, ref: null) => ReactNode }).render;
      return renderStaticHtml(render(props, null));
    }
    if (kind === MEMO) {
      return renderStaticHtml({
        ...node,
        type: (type as { type: unknown }).type,
      } as unknown as ReactNode);
    }
  }
  throw new Error("static docs HTML can only render server-safe components (no client components)");
}

/** A complete HTML document for a route handler's answer. */
export function htmlDocument(root: ReactNode): string {
  return `<!DOCTYPE html>${renderStaticHtml(root)}`;
}
