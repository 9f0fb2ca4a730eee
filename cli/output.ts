import { stringify as toYaml } from "yaml";
import { UsageError } from "./errors";
import type { CliIo } from "./io";
import type { Column, TableView } from "./spec";
import { formatTable } from "./table";

export const OUTPUT_FORMATS = ["table", "json", "yaml"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface OutputFlags {
  output?: string;
  format?: string;
  quiet?: boolean;
}

/** An API answer as received: its exact body text, and that text parsed. */
export interface Answer {
  text: string;
  value: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** a.b.c of an object; arrays by index (targets.0). */
export function valueAt(row: unknown, path: string): unknown {
  let current: unknown = row;
  for (const part of path.split(".")) {
    if (Array.isArray(current)) current = current[Number(part)];
    else if (isRecord(current)) current = current[part];
    else return undefined;
  }
  return current;
}

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== "object")) return value.join(",");
  if (isRecord(value) && Object.values(value).every((v) => typeof v !== "object")) {
    return Object.entries(value)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(",");
  }
  return JSON.stringify(value);
}

function defaultRows(value: unknown): unknown[] {
  if (isRecord(value) && Array.isArray(value.data)) return value.data;
  return [value];
}

/**
 * Prints answers in the chosen form. json is the API's body byte for byte (so jq scripts read
 * exactly what the API sent); yaml is the same value as YAML; table takes the command's columns or
 * --format's; -q prints only ids.
 */
export class Output {
  readonly format: OutputFormat;
  private readonly columns: string[] | null;
  readonly quiet: boolean;
  readonly color: boolean;

  constructor(
    private readonly io: CliIo,
    flags: OutputFlags,
  ) {
    const format = flags.output ?? "table";
    if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`-o must be one of ${OUTPUT_FORMATS.join(", ")}, not "${format}"`);
    }
    this.format = format as OutputFormat;
    this.columns = flags.format
      ? flags.format
          .split(",")
          .map((c) => c.trim())
          .filter(Boolean)
      : null;
    if (this.columns?.length === 0) throw new UsageError("--format needs at least one column");
    this.quiet = flags.quiet === true;
    this.color = io.stdoutIsTty && !io.env.NO_COLOR;
  }

  /** An answer of the API, shown through a view. */
  answer(answer: Answer, view: TableView): void {
    if (this.quiet) this.ids(defaultRowsOf(view, answer.value));
    else if (this.format === "json") this.raw(answer.text);
    else if (this.format === "yaml") this.io.stdout.write(toYaml(answer.value));
    else this.table(defaultRowsOf(view, answer.value), view.columns);
  }

  /** Several answers' items at once (--all): one JSON array, one YAML list, one table. */
  items(items: unknown[], view: TableView): void {
    if (this.quiet) this.ids(items);
    else if (this.format === "json") this.raw(JSON.stringify(items));
    else if (this.format === "yaml") this.io.stdout.write(toYaml(items));
    else this.table(items, view.columns);
  }

  /** Something the CLI itself knows (contexts), in the same forms. */
  local(value: unknown, view: TableView): void {
    this.answer({ text: JSON.stringify(value), value }, view);
  }

  /** A line for people (a confirmation); not printed with -o json/yaml or -q. */
  note(text: string): void {
    if (this.format === "table" && !this.quiet) this.io.stdout.write(`${text}\n`);
  }

  private raw(text: string): void {
    // The bytes as received; a newline only for a person at a terminal.
    this.io.stdout.write(this.io.stdoutIsTty && !text.endsWith("\n") ? `${text}\n` : text);
  }

  private ids(rows: unknown[]): void {
    for (const row of rows) {
      const id = valueAt(row, "id") ?? valueAt(row, "slug");
      if (id !== undefined) this.io.stdout.write(`${cellText(id)}\n`);
    }
  }

  private table(rows: unknown[], columns: Column[]): void {
    const chosen: Column[] = this.columns
      ? this.columns.map(
          (path) =>
            columns.find(
              (c) => c.path === path || c.header.toLowerCase() === path.toLowerCase(),
            ) ?? {
              header: path.toUpperCase(),
              path,
            },
        )
      : columns;
    const cells = rows.map((row) =>
      chosen.map((c) =>
        c.format ? c.format(valueAt(row, c.path), row) : cellText(valueAt(row, c.path)),
      ),
    );
    const bold = this.color ? (t: string) => `\x1b[1m${t}\x1b[22m` : (t: string) => t;
    this.io.stdout.write(
      formatTable(
        chosen.map((c) => c.header),
        cells,
        { bold },
      ),
    );
  }
}

function defaultRowsOf(view: TableView, value: unknown): unknown[] {
  return view.rows ? view.rows(value) : defaultRows(value);
}
