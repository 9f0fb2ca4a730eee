import { describe, expect, it } from "vitest";
import {
  type ChromiumHost,
  DEFAULT_CHROMIUM,
  INSTALL_COMMAND,
  planChromium,
} from "./chromium-plan";

/** A machine without Chromium, as root with apt-get; each case changes what it needs. */
function host(overrides: Partial<ChromiumHost> = {}, files: string[] = []): ChromiumHost {
  return {
    configuredPath: undefined,
    exists: (path) => files.includes(path),
    isRoot: true,
    passwordlessSudo: () => false,
    hasAptGet: () => true,
    ...overrides,
  };
}

const APT = [
  ["apt-get", "update", "-qq"],
  ["apt-get", "install", "-y", "-qq", "chromium"],
];

describe("what npm test does about Chromium", () => {
  it("uses the system Chromium when it is there, asking nothing else", () => {
    const asked = () => {
      throw new Error("asked the machine");
    };
    const machine = host({ passwordlessSudo: asked, hasAptGet: asked }, [DEFAULT_CHROMIUM]);
    expect(planChromium(machine)).toEqual({ kind: "ready", path: DEFAULT_CHROMIUM });
  });

  it("installs Debian's chromium with apt-get as root", () => {
    expect(planChromium(host())).toEqual({
      kind: "install",
      path: DEFAULT_CHROMIUM,
      commands: APT,
    });
  });

  it("installs it through sudo without a password prompt", () => {
    const plan = planChromium(host({ isRoot: false, passwordlessSudo: () => true }));
    expect(plan).toEqual({
      kind: "install",
      path: DEFAULT_CHROMIUM,
      commands: APT.map((command) => ["sudo", "-n", ...command]),
    });
  });

  it("otherwise stops at once with the one command that installs it", () => {
    const plan = planChromium(host({ isRoot: false }));
    expect(plan.kind).toBe("stop");
    expect(plan.kind === "stop" && plan.message).toContain(`  ${INSTALL_COMMAND}\n`);
  });

  it("without apt-get, says how to point CHROMIUM_PATH at a browser", () => {
    const plan = planChromium(host({ hasAptGet: () => false }));
    expect(plan.kind === "stop" && plan.message).toMatch(/no apt-get[\s\S]*CHROMIUM_PATH=/);
  });

  it("takes CHROMIUM_PATH as given: used when it exists, never replaced by an install", () => {
    const chrome = "/opt/google/chrome/chrome";
    expect(planChromium(host({ configuredPath: chrome }, [chrome]))).toEqual({
      kind: "ready",
      path: chrome,
    });
    const plan = planChromium(host({ configuredPath: chrome }));
    expect(plan.kind === "stop" && plan.message).toContain(`CHROMIUM_PATH is ${chrome}`);
  });
});
