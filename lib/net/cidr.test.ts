import { describe, expect, it } from "vitest";
import { cidrProblem } from "./cidr";

describe("network CIDR blocks", () => {
  it("accepts private blocks with a network address", () => {
    for (const ok of [
      "10.0.0.0/16",
      "10.0.0.0/8",
      "172.16.0.0/12",
      "172.31.4.0/24",
      "192.168.1.0/28",
    ])
      expect(cidrProblem(ok), ok).toBeNull();
  });

  it("says what is wrong with the others", () => {
    expect(cidrProblem("10.0.0.0")).toMatch(/CIDR/);
    expect(cidrProblem("10.0.0.300/16")).toMatch(/octet/);
    expect(cidrProblem("10.0.0.0/30")).toMatch(/prefix/);
    expect(cidrProblem("10.0.0.0/4")).toMatch(/prefix/);
    expect(cidrProblem("10.0.1.0/16")).toMatch(/host bits/);
    expect(cidrProblem("8.8.8.0/24")).toMatch(/inside/);
    expect(cidrProblem("172.32.0.0/16")).toMatch(/inside/);
    expect(cidrProblem("192.168.0.0/15")).toMatch(/inside/);
  });
});
