import type { CliIo } from "../io";
import { runCli } from "../run";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CaptureOptions {
  env: Record<string, string | undefined>;
  stdin?: string;
  tty?: boolean;
}

/** A command line still running: what it printed so far, and its end. */
export interface RunningCli {
  readonly stdout: string;
  readonly stderr: string;
  done: Promise<CliResult>;
  /** Ctrl-C: what SIGINT does to the real process. */
  interrupt(): void;
}

/** Runs one command line in-process with captured output (as a pipe, unless tty says otherwise). */
export function runCapture(argv: string[], options: CaptureOptions): Promise<CliResult> {
  return startCapture(argv, options).done;
}

/** Starts a command line in-process (tail, listen) so a test can act while it runs. */
export function startCapture(argv: string[], options: CaptureOptions): RunningCli {
  let stdout = "";
  let stderr = "";
  const lines = (options.stdin ?? "").split("\n");
  const interruptHandlers = new Set<() => void>();
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
    onInterrupt: (handler) => {
      interruptHandlers.add(handler);
      return () => interruptHandlers.delete(handler);
    },
  };
  const done = runCli(argv, io).then((code) => ({ code, stdout, stderr }));
  return {
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    done,
    interrupt: () => {
      for (const handler of [...interruptHandlers]) handler();
    },
  };
}
