#!/usr/bin/env node
import { processIo } from "./process-io";
import { runCli } from "./run";

// `cloud logs tail | head -3`: once the reader has gone, stop quietly as other Unix tools do,
// instead of dying with a stack trace on the next write.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
