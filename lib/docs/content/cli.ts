import { cliReference } from "@/cli/reference";
import type { DocPage, Section } from "../content-types";

const code = (text: string) => `\`${text}\``;

/** The CLI reference, generated from the CLI's own command definitions so it cannot drift. */
export function cliPage(): DocPage {
  const reference = cliReference();
  const commandSections: Section[] = reference.groups.map((group) => ({
    id: `group-${group.name.replace(/\s+/g, "-")}`,
    title: `cloud ${group.name}`,
    blocks: [{ kind: "p", text: group.summary }],
    subsections: group.commands.map((command) => ({
      id: command.anchor,
      title: command.usage,
      blocks: [
        { kind: "p" as const, text: command.description },
        ...(command.flags.length > 0
          ? [
              {
                kind: "table" as const,
                caption: `Flags of ${command.usage.split(" [")[0]!.split(" <")[0]}`,
                head: ["Flag", "Meaning"],
                rows: command.flags.map((f) => [code(f.flags), f.description]),
              },
            ]
          : []),
        {
          kind: "code" as const,
          lang: "shellscript" as const,
          title: "Examples",
          code: command.examples.join("\n"),
        },
      ],
    })),
  }));
  return {
    slug: "cli",
    title: "Command-line tool",
    description:
      "The cloud command: sign in once, then list, create and change everything the API offers from a terminal or a CI job, with output that scripts can read.",
    group: "Start",
    sections: [
      {
        id: "start",
        title: "Install and sign in",
        blocks: [
          {
            kind: "p",
            text: "In this repository run it with `npx cloud`; a build also makes `dist/cloud.js` (`node dist/cloud.js ...`). `cloud login` asks for an API key, checks it against the API and saves it in `~/.config/cloud/config.json` (or under `$XDG_CONFIG_HOME`; `CLOUD_CONFIG` names another file), readable only by you. Save several keys under names with `--context` and switch with `cloud context use`.",
          },
          {
            kind: "code",
            lang: "shellscript",
            title: "First steps",
            code: [
              "cloud login --api-url https://cloud.example.com",
              "cloud regions list",
              "cloud instances create --name web-1 --region eu-west-1 --wait",
              "cloud resources list --type instance -o json | jq -r '.data[].id'",
            ].join("\n"),
          },
          {
            kind: "p",
            text: "In CI, skip the file: set `CLOUD_API_KEY` (and `CLOUD_API_URL`). The key is chosen from `--api-key`, then `CLOUD_API_KEY`, then the context. `--sandbox` uses the context's `sk_test_` key and `/sandbox/v1`.",
          },
        ],
      },
      {
        id: "output",
        title: "Output and exit codes",
        blocks: [
          {
            kind: "p",
            text: "Tables are the default: aligned columns, bold headings only on a terminal and never with `NO_COLOR`. `-o json` prints the API's answer exactly as it was sent, so `jq` sees the same fields as in the API reference; `--all` pages through a whole list and prints one JSON array of its items. `-o yaml` prints the same value as YAML, `--format id,name,spec.size` picks table columns, and `-q` prints only ids. Progress (waiting, hints about more pages) goes to stderr; stdout holds only the answer.",
          },
          {
            kind: "table",
            caption: "Exit codes",
            head: ["Code", "Meaning"],
            rows: [
              [
                "`0`",
                "Done; also a follow command (`events tail`, `logs tail`, `listen`) ended by Ctrl-C or its own limit, or whose reader went away (`| head`)",
              ],
              [
                "`1`",
                "The API refused or failed (its title, detail, field errors and request id are on stderr), a connection failed, a wait ended in failure or timed out, or a follow command gave up after 5 failed reconnects or polls in a row",
              ],
              [
                "`2`",
                "The command line was wrong: an unknown command or flag, a missing or malformed value, no key",
              ],
            ],
          },
          {
            kind: "table",
            caption: "Flags every command takes",
            head: ["Flag", "Meaning"],
            rows: reference.globalOptions.map((o) => [code(o.flags), o.description]),
          },
        ],
      },
      ...commandSections,
    ],
  };
}
