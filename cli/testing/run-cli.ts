import type { CliIo } from "../io";
import { runCli } from "../run";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one command line in-process with captured output (as a pipe, unless tty says otherwise). */
export async function runCapture(
  argv: string[],
  options: { env: Record<string, string | undefined>; stdin?: string; tty?: boolean },
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const lines = (options.stdin ?? "").split("\n");
  const io: CliIo = {
    stdout: {
      write: (text) => {
        stdout += text;
      },
    },
    stderr: {
      write: (text) => {
        stderr += text;
      },
    },
    env: options.env,
    stdoutIsTty: options.tty === true,
    stderrIsTty: options.tty === true,
    readLine: async (prompt) => {
      if (options.tty) stderr += prompt;
      return lines.shift() ?? "";
    },
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
