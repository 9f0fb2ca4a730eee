import { describe, expect, it } from "vitest";
import type { ApiCall } from "./api";
import { commandLineFor, type RequestToExpress, shellWord } from "./command-line";
import { COMMANDS, GROUPS } from "./commands";
import { buildProgram } from "./program";
import type { CommandContext } from "./spec";

/** Splits a command line as a shell would (single quotes, backslash-newline), up to a pipe. */
function words(line: string): string[] {
  const out: string[] = [];
  let current: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unclosed quote in ${line}`);
      current = (current ?? "") + line.slice(i + 1, end);
      i = end;
    } else if (c === "\\") {
      i++;
      if (line[i] !== "\n") current = (current ?? "") + (line[i] ?? "");
    } else if (c === "|") break;
    else if (/\s/.test(c)) {
      if (current !== null) out.push(current);
      current = null;
    } else current = (current ?? "") + c;
  }
  if (current !== null) out.push(current);
  return out;
}

/** The call a command line makes, read by the real parser (nothing is sent). */
async function callOf(line: string): Promise<ApiCall> {
  let call: ApiCall | undefined;
  const specs = COMMANDS.map((spec) => ({
    ...spec,
    run: async (_ctx: CommandContext, input: { call(): ApiCall }) => {
      call = input.call();
    },
  }));
  let errors = "";
  const io = { stdout: { write: () => {} }, stderr: { write: (t: string) => (errors += t) } };
  const program = buildProgram(
    specs,
    GROUPS,
    io,
    () => ({}) as CommandContext,
    (work) => work(),
  );
  const argv = words(line);
  expect(argv[0]).toBe("cloud");
  await program.parseAsync(argv.slice(1), { from: "user" });
  expect(call, `${line}: ${errors}`).toBeDefined();
  return call as ApiCall;
}

function requestOf(call: ApiCall, sandbox: boolean): RequestToExpress {
  let path = call.path;
  for (const [name, value] of Object.entries(call.params?.path ?? {}))
    path = path.replace(`{${name}}`, encodeURIComponent(value));
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(call.params?.query ?? {}))
    for (const v of Array.isArray(value) ? value : [value]) query.append(name, String(v));
  const search = query.toString();
  return {
    method: call.method,
    template: call.path,
    path: `${sandbox ? "/sandbox" : ""}${path}${search ? `?${search}` : ""}`,
    body: call.body,
    headers: call.idempotencyKey ? { "Idempotency-Key": call.idempotencyKey } : undefined,
  };
}

const examples = COMMANDS.filter((c) => c.request).flatMap((c) =>
  c.examples.map((e) => [c.path.join(" "), e] as const),
);

describe("commandLineFor, the inverse of the parser", () => {
  it.each(examples)("%s: %s comes back as a line that makes the same call", async (_, line) => {
    const call = await callOf(line);
    const sandbox = words(line).includes("--sandbox");
    const again = commandLineFor(requestOf(call, sandbox));
    expect(again, line).not.toBeNull();
    expect(await callOf(again as string)).toEqual(call);
  });

  it("says bodies, labels, JSON, repeated flags, the sandbox and an idempotency key", async () => {
    const request: RequestToExpress = {
      method: "POST",
      template: "/v1/resources",
      path: "/sandbox/v1/resources",
      headers: { "Idempotency-Key": "create-web-0001" },
      body: {
        name: "Web's front",
        type: "instance",
        labels: { env: "prod", team: "web" },
        spec: { size: "s-2vcpu-4gb" },
      },
    };
    const line = commandLineFor(request);
    expect(line).toBe(
      [
        "cloud resources create",
        `--name 'Web'\\''s front'`,
        "--type instance",
        "--label env=prod",
        "--label team=web",
        `--spec '{"size":"s-2vcpu-4gb"}'`,
        "--sandbox",
        "--idempotency-key create-web-0001",
      ].join(" \\\n  "),
    );
    expect(requestOf(await callOf(line as string), true)).toEqual(request);
    expect(
      commandLineFor({
        method: "POST",
        template: "/v1/instances/{id}/actions",
        path: "/v1/instances/res_1/actions",
        body: { type: "resize", size: "s-4vcpu-8gb" },
      }),
    ).toBe("cloud instances resize res_1 --size s-4vcpu-8gb");
    expect(
      commandLineFor({
        method: "GET",
        template: "/v1/resources",
        path: "/v1/resources?limit=2&label=env%3Aprod",
      }),
    ).toBe("cloud resources list --limit 2 --label env:prod");
  });

  it("answers null for what no command can say", () => {
    const unknownField = {
      method: "POST",
      template: "/v1/resources",
      path: "/v1/resources",
      body: { name: "x", color: "red" },
    };
    expect(commandLineFor(unknownField)).toBeNull();
    expect(
      commandLineFor({ method: "GET", template: "/v1/resources", path: "/v1/resources?sort=x" }),
    ).toBeNull();
    // --name is required: the CLI refuses the line before the API could answer 422.
    expect(
      commandLineFor({
        method: "POST",
        template: "/v1/resources",
        path: "/v1/resources",
        body: { region: "eu-west-1" },
      }),
    ).toBeNull();
    expect(
      commandLineFor({ method: "GET", template: "/v1/openapi.json", path: "/v1/openapi.json" }),
    ).toBeNull();
    expect(
      commandLineFor({
        method: "GET",
        template: "/v1/regions",
        path: "/v1/regions",
        headers: { Accept: "text/plain" },
      }),
    ).toBeNull();
    expect(
      commandLineFor({
        method: "POST",
        template: "/v1/instances/{id}/actions",
        path: "/v1/instances/res_1/actions",
        body: { type: "explode" },
      }),
    ).toBeNull();
  });

  it("quotes only what the shell would read differently", () => {
    expect(shellWord("eu-west-1")).toBe("eu-west-1");
    expect(shellWord("env=prod")).toBe("env=prod");
    expect(shellWord("resource.*")).toBe("'resource.*'");
    expect(shellWord("a b")).toBe("'a b'");
    expect(shellWord("$HOME")).toBe("'$HOME'");
  });
});
