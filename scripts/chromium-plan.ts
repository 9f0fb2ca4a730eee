/**
 * What `npm test` does about the browser its Playwright suite drives (the system Chromium: this
 * project never downloads Playwright's own build). Pure, so the decision is tested on its own;
 * scripts/check-chromium.ts asks the machine and carries the plan out.
 */

export const DEFAULT_CHROMIUM = "/usr/bin/chromium";
export const INSTALL_COMMAND = "sudo apt-get install -y chromium";

export interface ChromiumHost {
  /** CHROMIUM_PATH, when set. */
  configuredPath: string | undefined;
  exists(path: string): boolean;
  isRoot: boolean;
  /** `sudo -n true` succeeds: sudo works without asking for a password. */
  passwordlessSudo(): boolean;
  /** apt-get is on the PATH (Debian, Ubuntu). */
  hasAptGet(): boolean;
}

export type ChromiumPlan =
  | { kind: "ready"; path: string }
  | { kind: "install"; path: string; commands: string[][] }
  | { kind: "stop"; message: string };

export function planChromium(host: ChromiumHost): ChromiumPlan {
  if (host.configuredPath) {
    if (host.exists(host.configuredPath)) return { kind: "ready", path: host.configuredPath };
    return {
      kind: "stop",
      message:
        `CHROMIUM_PATH is ${host.configuredPath}, but there is no file there.\n` +
        `Point it at a Chromium or Chrome binary, or unset it to use ${DEFAULT_CHROMIUM}.`,
    };
  }
  if (host.exists(DEFAULT_CHROMIUM)) return { kind: "ready", path: DEFAULT_CHROMIUM };
  if (!host.hasAptGet()) {
    return {
      kind: "stop",
      message:
        `Chromium was not found at ${DEFAULT_CHROMIUM}, and this machine has no apt-get.\n` +
        "Install Chromium (or Chrome) with its package manager, then run:\n" +
        "  CHROMIUM_PATH=/path/to/chromium npm test",
    };
  }
  if (host.isRoot || host.passwordlessSudo()) {
    const sudo = host.isRoot ? [] : ["sudo", "-n"];
    return {
      kind: "install",
      path: DEFAULT_CHROMIUM,
      commands: [
        [...sudo, "apt-get", "update", "-qq"],
        [...sudo, "apt-get", "install", "-y", "-qq", "chromium"],
      ],
    };
  }
  return {
    kind: "stop",
    message:
      `Chromium was not found at ${DEFAULT_CHROMIUM}. Install it with:\n  ${INSTALL_COMMAND}\n` +
      "then run npm test again (or set CHROMIUM_PATH to a Chromium or Chrome binary).",
  };
}
