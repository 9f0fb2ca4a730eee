// The before/after of an audit entry as rows a person can read: one row per field (nested
// objects flattened to dotted paths), saying whether it was added, removed, changed or kept.

export type DiffKind = "added" | "removed" | "changed" | "unchanged";

export interface DiffRow {
  path: string;
  kind: DiffKind;
  /** The value as shown; undefined where the side does not have the field. */
  before?: string;
  after?: string;
}

type Fields = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Fields =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Strings as they are, everything else as JSON (null, numbers, booleans, arrays). */
export function showValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Leaf fields by dotted path; an empty object stays one field ({}), so it is not lost. */
function flatten(value: Fields, prefix = "", out = new Map<string, unknown>()) {
  for (const [name, field] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (isPlainObject(field) && Object.keys(field).length > 0) flatten(field, path, out);
    else out.set(path, field);
  }
  return out;
}

/**
 * Every field of either side, in the after side's order and then what only the before side
 * had. A side that is null (the object did not exist, or is gone) has no fields.
 */
export function auditDiff(before: Fields | null, after: Fields | null): DiffRow[] {
  const old = before ? flatten(before) : new Map<string, unknown>();
  const now = after ? flatten(after) : new Map<string, unknown>();
  const paths = [...now.keys(), ...[...old.keys()].filter((p) => !now.has(p))];
  return paths.map((path) => {
    const had = old.has(path);
    const has = now.has(path);
    const row: DiffRow = { path, kind: "unchanged" };
    if (had) row.before = showValue(old.get(path));
    if (has) row.after = showValue(now.get(path));
    if (!had) row.kind = "added";
    else if (!has) row.kind = "removed";
    else if (JSON.stringify(old.get(path)) !== JSON.stringify(now.get(path))) row.kind = "changed";
    return row;
  });
}
