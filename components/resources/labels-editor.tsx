"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { lazyClient } from "@/components/ui/lazy-client";

// The form's code loads when someone starts editing (most visits only read the labels).
const LabelsForm = lazyClient(() => import("./labels-form").then((m) => m.LabelsForm));

/** The resource's labels, and for writers an editor; saving replaces the whole map. */
export function LabelsEditor({
  labels,
  canWrite,
  saving,
  onSave,
}: {
  labels: Record<string, string>;
  canWrite: boolean;
  saving: boolean;
  onSave: (labels: Record<string, string>) => void;
}) {
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <LabelsForm
        labels={labels}
        saving={saving}
        onSave={onSave}
        onDone={() => setEditing(false)}
      />
    );
  }
  const entries = Object.entries(labels);
  return (
    <div className="grid gap-3">
      {entries.length === 0 ? (
        <p className="text-muted-foreground text-sm">No labels.</p>
      ) : (
        <ul className="flex flex-wrap gap-1.5" aria-label="Labels" data-testid="labels">
          {entries.map(([key, value]) => (
            <li key={key} className="rounded-md border bg-muted px-2 py-0.5 font-mono text-xs">
              {key}={value}
            </li>
          ))}
        </ul>
      )}
      {canWrite ? (
        <Button variant="outline" size="sm" className="w-fit" onClick={() => setEditing(true)}>
          Edit labels
        </Button>
      ) : null}
    </div>
  );
}
