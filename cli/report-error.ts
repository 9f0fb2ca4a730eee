import { CommanderError } from "commander";
import { CloudApiError, CloudWaitError } from "@/sdk";
import { EXIT_API_ERROR, EXIT_OK, EXIT_USAGE, UsageError } from "./errors";

/** Commander's own exits that are not failures. */
const COMMANDER_SUCCESS = new Set(["commander.helpDisplayed", "commander.version"]);

/** Says what went wrong on stderr and gives the exit code for it. */
export function reportError(error: unknown, stderr: { write(text: string): void }): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (and help) through configureOutput.
    return COMMANDER_SUCCESS.has(error.code) ? EXIT_OK : EXIT_USAGE;
  }
  if (error instanceof UsageError) {
    stderr.write(`Error: ${error.message}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof CloudApiError) {
    const status = error.status ? ` (${error.status} ${error.code})` : "";
    const lines = [`Error: ${error.title}${status}`];
    if (error.detail && error.detail !== error.title) lines.push(error.detail);
    for (const field of error.errors) lines.push(`  ${field.field}: ${field.message}`);
    if (error.requestId) lines.push(`Request id: ${error.requestId}`);
    stderr.write(`${lines.join("\n")}\n`);
    return EXIT_API_ERROR;
  }
  if (error instanceof CloudWaitError) {
    stderr.write(`Error: ${error.message}\n`);
    return EXIT_API_ERROR;
  }
  stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
  return EXIT_API_ERROR;
}
