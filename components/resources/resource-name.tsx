"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Pencil } from "@/components/ui/icons/pencil";
import { Input } from "@/components/ui/input";

/** The page title, renamed in place (the change shows at once and rolls back if refused). */
export function ResourceName({
  name,
  canWrite,
  onRename,
}: {
  name: string;
  canWrite: boolean;
  onRename: (name: string) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  if (draft === null) {
    return (
      <span className="inline-flex items-center gap-2">
        <span className="break-all" data-testid="resource-name">
          {name}
        </span>
        {canWrite ? (
          <Button variant="ghost" size="icon-sm" aria-label="Rename" onClick={() => setDraft(name)}>
            <Pencil aria-hidden="true" />
          </Button>
        ) : null}
      </span>
    );
  }
  const trimmed = draft.trim();
  return (
    <form
      className="inline-flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (trimmed && trimmed !== name) onRename(trimmed);
        setDraft(null);
      }}
    >
      <Input
        aria-label="New name"
        value={draft}
        maxLength={255}
        autoFocus
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => e.key === "Escape" && setDraft(null)}
        className="h-8 w-72 font-semibold"
      />
      <Button type="submit" size="sm" disabled={!trimmed}>
        Save
      </Button>
      <Button variant="ghost" size="sm" onClick={() => setDraft(null)}>
        Cancel
      </Button>
    </form>
  );
}
