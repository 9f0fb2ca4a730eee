import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { curlFor, fetchCallFor, javascriptFor, withBaseUrl } from "./sample-code";
import { SAMPLES } from "./samples";
import { sampleCode } from "./site";

const dir = mkdtempSync(path.join(tmpdir(), "cap-docs-samples-"));

function code(sample: (typeof SAMPLES)[number]) {
  const all = sampleCode(sample);
  const at = (text: string | null) =>
    text === null ? null : withBaseUrl(text, "http://localhost:3000");
  return {
    curl: withBaseUrl(all.curl, "http://localhost:3000"),
    javascript: withBaseUrl(
      sample.javascript ?? javascriptFor(sample.request),
      "http://localhost:3000",
    ),
    sdk: at(all.sdk),
    cli: at(all.cli),
  };
}

describe("sample code", () => {
  it("quotes a body with a single quote safely for the shell", () => {
    const curl = curlFor({ method: "POST", path: "/v1/x", body: { name: "it's" } });
    const file = path.join(dir, "quote.sh");
    writeFileSync(file, `printf '%s' ${curl.split("-d ")[1]}`);
    expect(JSON.parse(execFileSync("bash", [file], { encoding: "utf8" }))).toEqual({
      name: "it's",
    });
  });

  it("refuses paths and headers that would need shell quoting", () => {
    expect(() => curlFor({ method: "GET", path: "/v1/x?a=$(id)" })).toThrow();
    expect(() => curlFor({ method: "GET", path: "/v1/x", headers: { A: 'x"y' } })).toThrow();
    expect(() => fetchCallFor({ method: "GET", path: "/v1/x y" })).toThrow();
  });

  it.each(SAMPLES.map((s) => [s.id, s] as const))(
    "%s is valid shell and JavaScript, in every tab",
    (_id, sample) => {
      const { curl, javascript, sdk, cli } = code(sample);
      if (sdk !== null) {
        const file = path.join(dir, `${sample.id}.sdk.mjs`);
        writeFileSync(file, sdk);
        execFileSync(process.execPath, ["--check", file]);
        expect(sdk).toContain('baseUrl: "http://localhost:3000"');
      }
      if (cli !== null) {
        const file = path.join(dir, `${sample.id}.cli.sh`);
        writeFileSync(file, cli);
        execFileSync("bash", ["-n", file]);
        // Hand-written CLI samples may set the shell up first; each still runs cloud.
        expect(cli).toMatch(sample.cli ? /^cloud /m : /^cloud /);
      }
      const shell = path.join(dir, `${sample.id}.sh`);
      writeFileSync(shell, curl);
      execFileSync("bash", ["-n", shell]);
      const module = path.join(dir, `${sample.id}.mjs`);
      writeFileSync(module, javascript);
      execFileSync(process.execPath, ["--check", module]);
      expect(curl).toContain("http://localhost:3000/");
      expect(javascript).toContain("http://localhost:3000/");
      if (!sample.request.anonymous) {
        expect(curl).toContain("$CLOUD_API_KEY");
        expect(javascript).toContain("process.env.CLOUD_API_KEY");
      }
    },
  );
});
