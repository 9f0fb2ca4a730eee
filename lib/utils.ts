/*
 * cn(): joins class names and lets a later Tailwind class override an earlier one of the same
 * kind, like tailwind-merge, in a fraction of its size (every portal page ships this file).
 * It knows the utility groups this code base uses; lib/utils.test.ts checks it against
 * tailwind-merge on every pair of classes written in components/ and app/, so a new kind of
 * class that it would merge differently fails the test instead of shipping a visual bug.
 */

export type ClassValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | undefined
  | ClassValue[]
  | { [name: string]: unknown };

function collect(value: ClassValue, out: string[]): void {
  if (!value || value === true) return;
  if (typeof value === "string" || typeof value === "number" || typeof value === "bigint") {
    for (const token of String(value).split(/\s+/)) if (token) out.push(token);
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, out);
  } else {
    for (const name in value) if (value[name]) collect(name, out);
  }
}

/** [pattern over the whole base class, group id ($n from the pattern)]; first match wins. */
const GROUPS: [RegExp, string][] = [
  [/^\[([a-z-]+):.+\]$/, "[$1]"],
  [
    /^(block|inline-block|inline|flex|inline-flex|table|inline-table|table-caption|table-cell|table-column|table-column-group|table-footer-group|table-header-group|table-row-group|table-row|flow-root|grid|inline-grid|contents|list-item|hidden)$/,
    "display",
  ],
  [/^(static|fixed|absolute|relative|sticky)$/, "position"],
  [/^(visible|invisible|collapse)$/, "visibility"],
  [/^(not-)?sr-only$/, "sr"],
  [/^(truncate|text-ellipsis|text-clip)$/, "text-overflow"],
  [/^(uppercase|lowercase|capitalize|normal-case)$/, "text-transform"],
  [/^(underline|overline|line-through|no-underline)$/, "text-decoration"],
  [/^(not-)?italic$/, "font-style"],
  [/^(subpixel-)?antialiased$/, "font-smoothing"],
  [/^(tabular|proportional)-nums$/, "fvn-spacing"],
  [/^(lining|oldstyle)-nums$/, "fvn-figure"],
  [/^normal-nums$/, "fvn-normal"],
  [/^(p|m|scroll-m|scroll-p)([xytrblse]|bs|be)?-.+$/, "$1$2"],
  [/^gap(-[xy])?-.+$/, "gap$1"],
  [/^flex-(row|row-reverse|col|col-reverse)$/, "flex-direction"],
  [/^flex-(wrap|wrap-reverse|nowrap)$/, "flex-wrap"],
  [/^(grow|shrink|flex)(-.+)?$/, "$1"],
  [/^content-(normal|center|start|end|between|around|evenly|baseline|stretch)$/, "align-content"],
  [/^(col|row)-span-.+$/, "$1-start-end"],
  [/^break-(normal|words|all|keep)$/, "break"],
  [/^list-(inside|outside)$/, "list-position"],
  [/^object-(contain|cover|fill|none|scale-down)$/, "object-fit"],
  [/^table-(auto|fixed)$/, "table-layout"],
  [/^(backdrop-)?blur(-.+)?$/, "$1blur"],
  [/^transition(-.+)?$/, "transition"],
  [/^animate-(spin|ping|pulse|bounce|none|\[.+\]|\(.+\))$/, "animate"],
  [/^select-(none|text|all|auto)$/, "select"],
  [
    /^(rotate|inset-[xy]|inset|top|right|bottom|left|start|end)-([\d./]+|auto|full|px|\[.+\]|\(.+\))$/,
    "$1",
  ],
  [
    /^(size|[wh]|min-[wh]|max-[wh]|basis|z|opacity|order|cursor|pointer-events|whitespace|leading|tracking|underline-offset|duration|ease|delay|aspect|caption|accent|line-clamp|columns|indent|align|list|overscroll|object|origin|fill|grid-cols|grid-rows|auto-rows|auto-cols|grid-flow|col-start|col-end|row-start|row-end|translate-[xyz]|scale|content|items|self|justify-items|justify-self|justify|place-items|place-content|place-self|overflow-[xy]|overflow)-.+$/,
    "$1",
  ],
  [/^text-(left|center|right|justify|start|end)$/, "text-align"],
  [/^text-(wrap|nowrap|balance|pretty)$/, "text-wrap"],
  [/^text-(xs|sm|base|lg|\d?xl|\[[\d.]+[a-z%]*\]|\[length:.+\])(\/.+)?$/, "font-size"],
  [/^text-.+$/, "text-color"],
  [/^bg-(fixed|local|scroll)$/, "bg-attachment"],
  [/^bg-(auto|cover|contain)$/, "bg-size"],
  [/^bg-(bottom|center|left|right|top)(-.+)?$/, "bg-position"],
  [/^(from|via|to)-(\d+%|\[[\d.]+%\])$/, "$1-position"],
  [/^(from|via|to)-.+$/, "$1"],
  [/^bg-(none|linear-.+|radial(-.+)?|conic(-.+)?|gradient-.+)$/, "bg-image"],
  [/^bg-.+$/, "bg-color"],
  [/^border-(collapse|separate)$/, "border-collapse"],
  [/^border-(solid|dashed|dotted|double|hidden|none)$/, "border-style"],
  [/^border(-[xytrblse]|-bs|-be)?(-(\d+|\[\d.*\]))?$/, "border-w$1"],
  [/^border(-[xytrblse]|-bs|-be)?-.+$/, "border-color$1"],
  [/^rounded(-(t|r|b|l|s|e|tl|tr|br|bl|ss|se|ee|es))?(-.+)?$/, "rounded$1"],
  [/^(outline|ring|ring-offset|stroke)(-(\d+|\[\d.*\]))?$/, "$1-w"],
  [/^outline-(none|solid|dashed|dotted|double|hidden)$/, "outline-style"],
  [/^(outline-offset|ring-inset)(-.+)?$/, "$1"],
  [/^shadow(-(2xs|xs|sm|md|lg|xl|2xl|none|inner))?$/, "shadow"],
  [/^(outline|ring-offset|ring|shadow|stroke)-.+$/, "$1-color"],
  [/^font-(thin|extralight|light|normal|medium|semibold|bold|extrabold|black|\d+)$/, "font-weight"],
  [/^font-.+$/, "font-family"],
];

/** A group id -> the groups a class of it also replaces ("p-4" replaces "px-2" and "pt-1"). */
const CONFLICTS: Record<string, string[]> = {
  inset: "inset-x inset-y inset-bs inset-be start end top right bottom left".split(" "),
  "inset-x": ["start", "end", "right", "left"],
  "inset-y": ["inset-bs", "inset-be", "top", "bottom"],
  flex: ["basis", "grow", "shrink"],
  gap: ["gap-x", "gap-y"],
  size: ["w", "h"],
  overflow: ["overflow-x", "overflow-y"],
  "font-size": ["leading"],
  "line-clamp": ["display", "overflow"],
  "fvn-normal": ["fvn-ordinal", "fvn-slashed-zero", "fvn-figure", "fvn-spacing", "fvn-fraction"],
  "fvn-spacing": ["fvn-normal"],
  "fvn-figure": ["fvn-normal"],
  translate: ["translate-x", "translate-y", "translate-none"],
  rounded: "s e t r b l ss se ee es tl tr br bl".split(" ").map((c) => `rounded-${c}`),
  "rounded-s": ["rounded-ss", "rounded-es"],
  "rounded-e": ["rounded-se", "rounded-ee"],
  "rounded-t": ["rounded-tl", "rounded-tr"],
  "rounded-r": ["rounded-tr", "rounded-br"],
  "rounded-b": ["rounded-br", "rounded-bl"],
  "rounded-l": ["rounded-tl", "rounded-bl"],
};
// Box sides: "p" replaces px, py, pt...; "px" replaces pr, pl, ps, pe; "py" replaces pt, pb...
for (const [family, join] of [
  ["p", ""],
  ["m", ""],
  ["scroll-m", ""],
  ["scroll-p", ""],
  ["border-w", "-"],
  ["border-color", "-"],
] as const) {
  const side = (sides: string) => sides.split(" ").map((s) => `${family}${join}${s}`);
  CONFLICTS[family] = side("x y s e bs be t r b l");
  CONFLICTS[`${family}${join}x`] = side("s e r l");
  CONFLICTS[`${family}${join}y`] = side("bs be t b");
}

const ORDER_SENSITIVE = new Set(
  "* ** after backdrop before details-content file first-letter first-line marker placeholder selection".split(
    " ",
  ),
);

/** Variants sort (hover:focus: = focus:hover:) except around arbitrary and pseudo-element ones. */
function variantKey(modifiers: string[]): string {
  const sorted: string[] = [];
  let run: string[] = [];
  for (const modifier of modifiers) {
    if (modifier.startsWith("[") || ORDER_SENSITIVE.has(modifier)) {
      sorted.push(...run.sort(), modifier);
      run = [];
    } else run.push(modifier);
  }
  sorted.push(...run.sort());
  return sorted.join(":");
}

/** Splits "md:hover:!-mt-2" into its variants and the base class, at bracket depth 0. */
function parse(token: string): { variants: string; base: string } {
  const modifiers: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < token.length; i++) {
    const char = token[i];
    if (char === "[" || char === "(") depth++;
    else if (char === "]" || char === ")") depth--;
    else if (char === ":" && depth === 0) {
      modifiers.push(token.slice(start, i));
      start = i + 1;
    }
  }
  let base = token.slice(start);
  let important = "";
  if (base.startsWith("!") || base.endsWith("!")) {
    important = "!";
    base = base.startsWith("!") ? base.slice(1) : base.slice(0, -1);
  }
  if (base.startsWith("-") && base.length > 1) base = base.slice(1);
  return { variants: `${variantKey(modifiers)}${important}:`, base };
}

function groupOf(base: string): string | undefined {
  for (const [pattern, group] of GROUPS)
    if (pattern.test(base)) return base.replace(pattern, group);
  return undefined;
}

/** Joins class names and lets a later Tailwind class override an earlier one of the same kind. */
export function cn(...inputs: ClassValue[]): string {
  const tokens: string[] = [];
  collect(inputs, tokens);
  const taken = new Set<string>();
  const kept: string[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i] as string;
    const { variants, base } = parse(token);
    const group = groupOf(base);
    if (group !== undefined) {
      if (taken.has(variants + group)) continue;
      taken.add(variants + group);
      for (const other of CONFLICTS[group] ?? []) taken.add(variants + other);
    }
    kept.push(token);
  }
  return kept.reverse().join(" ");
}
