import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { planChromium } from "./chromium-plan";

// Before the browser suite: find the system Chromium, install it where this user may, or stop
// at once with the command that installs it.
const succeeds = (command: string, args: string[]) =>
  spawnSync(command, args, { stdio: "ignore" }).status === 0;

const plan = planChromium({
  configuredPath: process.env.CHROMIUM_PATH || undefined,
  exists: existsSync,
  isRoot: process.getuid?.() === 0,
  passwordlessSudo: () => succeeds("sudo", ["-n", "true"]),
  hasAptGet: () => succeeds("apt-get", ["--version"]),
});

if (plan.kind === "stop") {
  console.error(plan.message);
  process.exit(1);
}
if (plan.kind === "install") {
  console.log("Chromium is missing; installing Debian's chromium package for the browser tests.");
  for (const [command, ...args] of plan.commands) {
    const result = spawnSync(command as string, args, {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (result.status !== 0) {
      console.error(`${[command, ...args].join(" ")} failed; install Chromium by hand and retry.`);
      process.exit(1);
    }
  }
  if (!existsSync(plan.path)) {
    console.error(`The chromium package installed no ${plan.path}; set CHROMIUM_PATH to it.`);
    process.exit(1);
  }
}
