import type { CloudClient } from "@/sdk";
import type { ApiCall } from "./api";
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
  /** Where the flag's value goes in the command's request (see CommandSpec.request). */
  to?: OptionTarget;
}

/**
 * A query parameter (repeated when the flag is; "time" also takes an age such as 15m or 2h and
 * sends the ISO 8601 time that long ago), or a field of the JSON body at a dotted path
 * (spec.size_gb), taken as the flag's text, a whole number, true when the flag is given, a label
 * map from key=value pairs, or a JSON object.
 */
export type OptionTarget =
  | { query: string; as?: "time" }
  | { body: string; as?: "text" | "integer" | "flag" | "labels" | "json" };

export interface ArgSpec {
  name: string;
  description: string;
  required?: boolean;
  /** The path parameter it fills (default: its name). */
  param?: string;
}

/** The one API call a command makes: the parser builds it from the arguments and flags. */
export interface RequestSpec {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** An OpenAPI path template: /v1/instances/{id}/actions. */
  path: string;
  /** Body fields every call sends, such as an action's type. */
  body?: Record<string, unknown>;
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
  /** The command's request built from args and flags (a usage error for a bad flag value). */
  call(): ApiCall;
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
  /**
   * The call it makes, with its flags' `to`. From the same data the docs turn an API request
   * back into this command (cli/command-line.ts), so their CLI samples are the parser's inverse.
   */
  request?: RequestSpec;
  run(ctx: CommandContext, input: CommandInput): Promise<void>;
}

/** The top-level groups (resources, keys, ...) in help and docs order, with one line each. */
export interface GroupSpec {
  name: string;
  summary: string;
}
