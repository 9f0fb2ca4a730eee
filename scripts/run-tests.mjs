#!/usr/bin/env node
/**
 * `npm test`: the unit suite (Vitest) and the browser suite (production build, then Playwright)
 * side by side. Each keeps the two cores of a small machine only partly busy (both wait on
 * stores, timers and the browser), so together they take little more than the longer one.
 * Lines are prefixed with their suite; the exit code is non-zero if either suite fails.
 * `npm run test:unit` and `npm run test:e2e` run one suite alone.
 */
import { spawn } from "node:child_process";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function pipeLines(stream, out, prefix) {
  let rest = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk) => {
    rest += chunk;
    const lines = rest.split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) out.write(`${prefix} ${line}\n`);
  });
  stream.on("end", () => {
    if (rest) out.write(`${prefix} ${rest}\n`);
  });
}

function run(name, script) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(npm, ["run", "--silent", script], {
      stdio: ["ignore", "pipe", "pipe"],
      env: process.env,
    });
    pipeLines(child.stdout, process.stdout, `[${name}]`);
    pipeLines(child.stderr, process.stderr, `[${name}]`);
    child.on("close", (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      const ok = code === 0;
      console.log(
        `[${name}] ${ok ? "passed" : `FAILED (${signal ?? `exit ${code}`})`} in ${seconds} s`,
      );
      resolve(ok);
    });
  });
}

const results = await Promise.all([run("unit", "test:unit"), run("e2e", "test:e2e")]);
process.exit(results.every(Boolean) ? 0 : 1);
