import { Command, Option } from "commander";
import { GLOBAL_OPTIONS } from "./global-options";
import { buildCall } from "./request";
import type { GlobalFlags } from "./session";
import type { CommandContext, CommandInput, CommandSpec, GroupSpec } from "./spec";
import { CLI_VERSION } from "./version";

export const PROGRAM_NAME = "cloud";

export { GLOBAL_OPTIONS };

function examplesText(examples: string[]): string {
  return `\nExamples:\n${examples.map((e) => `  $ ${e}`).join("\n")}\n`;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * The commander program made from the command list. Each command's action builds its context
 * lazily (a usage error in a flag value surfaces before any request).
 */
export function buildProgram(
  specs: CommandSpec[],
  groups: GroupSpec[],
  io: { stdout: { write(text: string): void }; stderr: { write(text: string): void } },
  contextFor: (command: Command) => CommandContext,
  run: (work: () => Promise<void>) => Promise<void>,
): Command {
  // Before any subcommand is added: commander copies these settings into each one it creates.
  const program = new Command(PROGRAM_NAME)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .description("The Cloud API from your terminal and your CI pipelines")
    .version(CLI_VERSION, "-v, --version")
    .showHelpAfterError("(run with --help for usage)")
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false });
  for (const option of GLOBAL_OPTIONS) program.option(option.flags, option.description);
  program.addHelpText(
    "after",
    examplesText([
      "cloud login",
      "cloud resources list --type instance --region eu-west-1",
      "cloud instances create --name web-1 --size s-2vcpu-4gb --wait",
      "cloud resources get res_Tn49WpXc2LmQ8vRb -o json | jq .status",
      "CLOUD_API_KEY=sk_test_... cloud keys list -q",
    ]),
  );

  const parents = new Map<string, Command>();
  const parentFor = (path: string[]): Command => {
    if (path.length === 0) return program;
    const key = path.join(" ");
    let parent = parents.get(key);
    if (!parent) {
      const group = groups.find((g) => g.name === key);
      parent = parentFor(path.slice(0, -1))
        .command(path[path.length - 1]!)
        .description(group?.summary ?? "")
        .configureHelp({ showGlobalOptions: true });
      parents.set(key, parent);
    }
    return parent;
  };

  for (const spec of specs) {
    const parent = parentFor(spec.path.slice(0, -1));
    const command = parent
      .command(spec.path[spec.path.length - 1]!)
      .summary(spec.summary)
      .description(spec.description ?? spec.summary)
      .configureHelp({ showGlobalOptions: true });
    for (const arg of spec.args ?? []) {
      command.argument(arg.required === false ? `[${arg.name}]` : `<${arg.name}>`, arg.description);
    }
    for (const option of spec.options ?? []) {
      const built = new Option(option.flags, option.description);
      if (option.choices) built.choices([...option.choices]);
      if (option.repeatable) built.argParser(collect);
      if (option.required) built.makeOptionMandatory();
      if (option.default !== undefined) built.default(option.default);
      command.addOption(built);
    }
    command.addHelpText("after", examplesText(spec.examples));
    command.action((...received: unknown[]) => {
      const self = received[received.length - 1] as Command;
      const args = received
        .slice(0, (spec.args ?? []).length)
        .filter((a): a is string => typeof a === "string");
      const options = self.opts();
      const idempotencyKey = (self.optsWithGlobals() as GlobalFlags).idempotencyKey;
      const input: CommandInput = {
        args,
        options,
        call: () => buildCall(spec, { args, options }, idempotencyKey),
      };
      return run(() => spec.run(contextFor(self), input));
    });
  }
  return program;
}
