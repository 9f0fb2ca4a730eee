import type { Command } from "commander";
import type { CloudClient } from "@/sdk";
import { COMMANDS, GROUPS } from "./commands";
import type { CliIo } from "./io";
import { Output } from "./output";
import { buildProgram } from "./program";
import { reportError } from "./report-error";
import { clientFor, resolveSession, type Session } from "./session";
import type { CommandContext } from "./spec";
import { Spinner } from "./spinner";

/** Runs one command line (argv without node and the script) and answers its exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const spinner = new Spinner(io.stderr, io.stderrIsTty);

  const contextFor = (command: Command): CommandContext => {
    const flags = command.optsWithGlobals();
    const output = new Output(io, flags);
    let session: Session | undefined;
    let client: CloudClient | undefined;
    const context: CommandContext = {
      io,
      globals: flags,
      output,
      spinner,
      session: () => {
        session ??= resolveSession(flags, io.env);
        return session;
      },
      client: () => {
        client ??= clientFor(context.session());
        return client;
      },
    };
    return context;
  };

  const run = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      spinner.stop();
      exitCode = reportError(error, io.stderr);
    }
  };

  const program = buildProgram(COMMANDS, GROUPS, io, contextFor, run);
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    return reportError(error, io.stderr);
  }
  return exitCode;
}
