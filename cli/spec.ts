import type { CloudClient } from "@/sdk";
import type { CliIo } from "./io";
import type { Output } from "./output";
import type { GlobalFlags, Session } from "./session";
import type { Spinner } from "./spinner";

/** A flag of a command. `flags` is commander's syntax: "-n, --name <name>", "--all", "--label <k=v>". */
export interface OptionSpec {
  flags: string;
  description: string;
  choices?: readonly string[];
  /** May be given several times; the command receives an array. */
  repeatable?: boolean;
  required?: boolean;
  default?: string;
}

export interface ArgSpec {
  name: string;
  description: string;
  required?: boolean;
}

/** How an answer becomes a table: which rows, which columns (dotted paths into each row). */
export interface TableView {
  columns: Column[];
  /** Default: the answer's `data` array, or the answer itself as one row. */
  rows?: (value: unknown) => unknown[];
}

export interface Column {
  header: string;
  path: string;
  format?: (value: unknown, row: unknown) => string;
}

export interface CommandInput {
  args: string[];
  options: Record<string, unknown>;
}

/** What a command runs with: the parsed global flags, the API client, and where to write. */
export interface CommandContext {
  io: CliIo;
  /** --context, --api-key, --api-url, --sandbox as given. */
  globals: GlobalFlags;
  output: Output;
  spinner: Spinner;
  /** The resolved credentials and API URL; throws a usage error when there are none. */
  session(): Session;
  client(): CloudClient;
}

/**
 * One command, as data: the parser, `--help`, and the docs' CLI page are all made from this list,
 * so they cannot disagree.
 */
export interface CommandSpec {
  /** ["resources", "list"] is `cloud resources list`. */
  path: string[];
  summary: string;
  description?: string;
  args?: ArgSpec[];
  options?: OptionSpec[];
  /** Whole command lines, shown under Examples in --help and on the docs page. */
  examples: string[];
  run(ctx: CommandContext, input: CommandInput): Promise<void>;
}

/** The top-level groups (resources, keys, ...) in help and docs order, with one line each. */
export interface GroupSpec {
  name: string;
  summary: string;
}
