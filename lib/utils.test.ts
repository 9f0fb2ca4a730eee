import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { twMerge } from "tailwind-merge";
import { describe, expect, it } from "vitest";
import { cn } from "./utils";

/** Every whitespace-separated word of every string literal in components/ and app/. */
function classesInSource(): { bases: string[]; variants: string[] } {
  const root = path.resolve(import.meta.dirname, "..");
  const words = new Set<string>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.includes(".test.")) {
        const source = readFileSync(full, "utf8");
        for (const match of source.matchAll(/"([^"\n]*)"|`([^`$]*)`/g)) {
          for (const word of (match[1] ?? match[2] ?? "").split(/\s+/)) {
            if (/^[!-]?[a-z[][\w\-[\]/.:!&*()=%#,'>@+~]*$/.test(word)) words.add(word);
          }
        }
      }
    }
  };
  visit(path.join(root, "components"));
  visit(path.join(root, "app"));
  const bases = new Set<string>();
  const variants = new Set<string>();
  for (const word of words) {
    // The variant prefix ends at the last colon outside brackets.
    let depth = 0;
    let cut = -1;
    for (let i = 0; i < word.length; i++) {
      if (word[i] === "[" || word[i] === "(") depth++;
      else if (word[i] === "]" || word[i] === ")") depth--;
      else if (word[i] === ":" && depth === 0) cut = i;
    }
    bases.add(word.slice(cut + 1));
    if (cut > 0) variants.add(word.slice(0, cut + 1));
  }
  // A class either side recognises merges with a copy of itself; words neither knows never merge.
  const known = [...bases].filter(
    (base) => cn(base, base) === base || twMerge(`${base} ${base}`) === base,
  );
  return { bases: known, variants: [...variants] };
}

describe("cn", () => {
  it("joins strings, arrays and objects and drops falsy values", () => {
    expect(cn("a", undefined, false, null, ["b", ["c"]], { d: true, e: false }, 0, "  f  g ")).toBe(
      "a b c d f g",
    );
  });

  it("lets the later class of a kind win, per variant", () => {
    expect(cn("px-2 py-1 bg-primary hover:bg-primary/90", "p-4 bg-card")).toBe(
      "hover:bg-primary/90 p-4 bg-card",
    );
    expect(cn("text-sm text-muted-foreground", "text-xs")).toBe("text-muted-foreground text-xs");
    expect(cn("h-9 w-full", "size-8")).toBe("size-8");
    expect(cn("hover:focus:bg-accent", "focus:hover:bg-card")).toBe("focus:hover:bg-card");
    expect(cn("[&_svg]:size-4", "dark:[&_svg]:size-3")).toBe("[&_svg]:size-4 dark:[&_svg]:size-3");
    expect(cn("!mt-2 -mt-4", "mt-1")).toBe("!mt-2 mt-1");
  });

  it("merges every pair of classes written in components/ and app/ like tailwind-merge", () => {
    const { bases, variants } = classesInSource();
    expect(bases.length).toBeGreaterThan(200);
    const differences: string[] = [];
    for (const a of bases) {
      for (const b of bases) {
        const expected = twMerge(`${a} ${b}`);
        if (cn(a, b) !== expected) differences.push(`cn("${a}", "${b}") = "${cn(a, b)}"`);
      }
    }
    // Variants: each prefix used in the code, on a pair that conflicts and one that does not.
    for (const variant of variants) {
      for (const [a, b] of [
        ["bg-primary", "bg-card"],
        ["p-2", "px-4"],
        ["text-sm", "text-muted-foreground"],
      ]) {
        for (const input of [
          [`${variant}${a}`, `${variant}${b}`],
          [`${variant}${a}`, b],
          [a, `${variant}${b}`],
        ] as const) {
          const expected = twMerge(input.join(" "));
          if (cn(...input) !== expected) differences.push(`cn("${input.join('", "')}")`);
        }
      }
    }
    expect(differences.slice(0, 40)).toEqual([]);
  });
});
