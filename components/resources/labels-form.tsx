"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Plus } from "@/components/ui/icons/plus";
import { X } from "@/components/ui/icons/x";
import { Input } from "@/components/ui/input";

/**
 * The API's label key rule (lib/schemas/resources.ts LABEL_KEY_PATTERN), repeated so this page
 * does not load zod; labels-editor.test.ts keeps the two equal.
 */
export const LABEL_KEY = /^[A-Za-z0-9](?:[A-Za-z0-9._/-]{0,61}[A-Za-z0-9])?$/;

interface Row {
  key: string;
  value: string;
}

const rowsOf = (labels: Record<string, string>): Row[] =>
  Object.entries(labels).map(([key, value]) => ({ key, value }));

/** Check labels like the API does (key pattern, 255-char values, unique keys). */
export function labelProblems(rows: readonly Row[]): string | null {
  const seen = new Set<string>();
  for (const { key, value } of rows) {
    if (!LABEL_KEY.test(key)) {
      return `“${key || "(empty)"}” is not a valid key: 1-63 letters, digits, . _ / -, starting and ending with a letter or digit`;
    }
    if (seen.has(key)) return `The key “${key}” appears twice`;
    if (value.length > 255) return `The value of “${key}” is longer than 255 characters`;
    seen.add(key);
  }
  return null;
}

/** The editing rows; saving replaces the whole map (as PATCH does). */
export function LabelsForm({
  labels,
  saving,
  onSave,
  onDone,
}: {
  labels: Record<string, string>;
  saving: boolean;
  onSave: (labels: Record<string, string>) => void;
  onDone: () => void;
}) {
  const [rows, setRows] = useState<Row[]>(() => rowsOf(labels));
  const [problem, setProblem] = useState<string | null>(null);
  const update = (index: number, patch: Partial<Row>) =>
    setRows((prev) => prev.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  return (
    <form
      className="grid gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        const cleaned = rows
          .map((r) => ({ key: r.key.trim(), value: r.value }))
          .filter((r) => r.key !== "" || r.value !== "");
        const found = labelProblems(cleaned);
        setProblem(found);
        if (found) return;
        onSave(Object.fromEntries(cleaned.map((r) => [r.key, r.value])));
        onDone();
      }}
    >
      {rows.map((row, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
        <div key={index} className="flex items-center gap-2">
          <Input
            aria-label={`Label ${index + 1} key`}
            placeholder="key"
            value={row.key}
            onChange={(e) => update(index, { key: e.target.value })}
            className="font-mono"
          />
          <span aria-hidden="true">=</span>
          <Input
            aria-label={`Label ${index + 1} value`}
            placeholder="value"
            value={row.value}
            onChange={(e) => update(index, { value: e.target.value })}
            className="font-mono"
          />
          <Button
            variant="ghost"
            size="icon-sm"
            aria-label={`Remove label ${row.key || index + 1}`}
            onClick={() => setRows((prev) => prev.filter((_, i) => i !== index))}
          >
            <X aria-hidden="true" />
          </Button>
        </div>
      ))}
      {problem ? (
        <p role="alert" className="font-medium text-[13px] text-destructive">
          {problem}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button
          variant="outline"
          size="sm"
          onClick={() => setRows((prev) => [...prev, { key: "", value: "" }])}
        >
          <Plus aria-hidden="true" />
          Add label
        </Button>
        <Button type="submit" size="sm" loading={saving}>
          Save labels
        </Button>
        <Button variant="ghost" size="sm" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
