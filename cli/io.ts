/** Where the CLI reads and writes: the process in real use, buffers in tests. */
export interface CliIo {
  stdout: { write(text: string): void };
  stderr: { write(text: string): void };
  env: Record<string, string | undefined>;
  /** stdout is a terminal (tables get colour unless NO_COLOR). */
  stdoutIsTty: boolean;
  /** stderr is a terminal (spinners and progress lines). */
  stderrIsTty: boolean;
  /** One line from the user; hidden (no echo) when asked and stdin is a terminal. */
  readLine(prompt: string, options: { hidden: boolean }): Promise<string>;
  /**
   * Calls `handler` on Ctrl-C (SIGINT) instead of the default exit, so a follow command can stop
   * cleanly; answers the function that stops listening (a second Ctrl-C then exits as usual).
   */
  onInterrupt(handler: () => void): () => void;
}
