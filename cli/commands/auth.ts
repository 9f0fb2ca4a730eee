import { createClient, DEFAULT_BASE_URL } from "@/sdk";
import {
  type CliConfig,
  configPath,
  DEFAULT_CONTEXT,
  readConfig,
  writeConfig,
} from "../config-file";
import { UsageError } from "../errors";
import { isSandboxKey } from "../session";
import type { CommandContext, CommandSpec, TableView } from "../spec";

const KEY_PATTERN = /^sk_(live|test)_[A-Za-z0-9]+$/;

function redact(key: string | undefined): string {
  return key ? `${key.slice(0, 8)}...${key.slice(-4)}` : "";
}

const CONTEXT_VIEW: TableView = {
  columns: [
    { header: "CURRENT", path: "current", format: (v) => (v ? "*" : "") },
    { header: "NAME", path: "name" },
    { header: "API URL", path: "api_url" },
    { header: "LIVE KEY", path: "api_key" },
    { header: "SANDBOX KEY", path: "sandbox_api_key" },
  ],
};

function loadConfig(ctx: CommandContext): { file: string; config: CliConfig } {
  const file = configPath(ctx.io.env);
  return { file, config: readConfig(file) };
}

function requireContext(config: CliConfig, name: string): void {
  if (!config.contexts[name]) {
    const known = Object.keys(config.contexts);
    throw new UsageError(
      `There is no context "${name}"${known.length ? `; saved: ${known.join(", ")}` : "; run cloud login first"}`,
    );
  }
}

export const authCommands: CommandSpec[] = [
  {
    path: ["login"],
    summary: "Save an API key (checked against the API) in a named context",
    description:
      'Asks for an API key (or takes --api-key), checks it with the API, and saves it in the context (--context, default the current one or "default"), which becomes current. Live keys (sk_live_) and sandbox keys (sk_test_, used with --sandbox) are kept side by side. The file is ~/.config/cloud/config.json ($XDG_CONFIG_HOME, or CLOUD_CONFIG to choose another), readable only by you.',
    examples: [
      "cloud login",
      "cloud login --context staging --api-url https://staging.example.com",
      'echo "$CLOUD_API_KEY" | cloud login --context ci',
    ],
    async run(ctx) {
      const { file, config } = loadConfig(ctx);
      const name =
        ctx.globals.context ??
        ctx.io.env.CLOUD_CONTEXT ??
        config.current_context ??
        DEFAULT_CONTEXT;
      const existing = config.contexts[name] ?? {};
      const key = (
        ctx.globals.apiKey ?? (await ctx.io.readLine("API key: ", { hidden: true }))
      ).trim();
      if (!key) throw new UsageError("No API key given");
      if (!KEY_PATTERN.test(key)) {
        throw new UsageError("That is not an API key: keys start with sk_live_ or sk_test_");
      }
      const apiUrl = (
        ctx.globals.apiUrl ??
        ctx.io.env.CLOUD_API_URL ??
        existing.api_url ??
        DEFAULT_BASE_URL
      ).replace(/\/+$/, "");
      ctx.spinner.start(`Checking the key with ${apiUrl}`);
      try {
        // Any authenticated call checks the key; this one needs no scope.
        await createClient({ apiKey: key, baseUrl: apiUrl, userAgent: "cloud-cli" }).GET(
          "/v1/regions",
        );
      } finally {
        ctx.spinner.stop();
      }
      const sandbox = isSandboxKey(key);
      config.contexts[name] = {
        ...existing,
        api_url: apiUrl,
        ...(sandbox ? { sandbox_api_key: key } : { api_key: key }),
      };
      config.current_context = name;
      writeConfig(file, config);
      ctx.io.stderr.write(
        `Logged in: context "${name}" now has a ${sandbox ? "sandbox" : "live"} key (${redact(key)}) for ${apiUrl}\n`,
      );
    },
  },
  {
    path: ["context", "list"],
    summary: "List saved contexts (the current one is marked *)",
    examples: ["cloud context list", "cloud context list -o json"],
    async run(ctx) {
      const { config } = loadConfig(ctx);
      const rows = Object.entries(config.contexts).map(([name, entry]) => ({
        current: name === config.current_context,
        name,
        api_url: entry.api_url ?? DEFAULT_BASE_URL,
        api_key: redact(entry.api_key),
        sandbox_api_key: redact(entry.sandbox_api_key),
      }));
      ctx.output.local({ data: rows }, CONTEXT_VIEW);
    },
  },
  {
    path: ["context", "use"],
    summary: "Make a saved context the current one",
    args: [{ name: "name", description: "The context's name" }],
    examples: ["cloud context use staging"],
    async run(ctx, input) {
      const { file, config } = loadConfig(ctx);
      const name = input.args[0]!;
      requireContext(config, name);
      config.current_context = name;
      writeConfig(file, config);
      ctx.io.stderr.write(`Now using context "${name}"\n`);
    },
  },
  {
    path: ["context", "remove"],
    summary: "Forget a saved context and its keys",
    args: [{ name: "name", description: "The context's name" }],
    examples: ["cloud context remove staging"],
    async run(ctx, input) {
      const { file, config } = loadConfig(ctx);
      const name = input.args[0]!;
      requireContext(config, name);
      delete config.contexts[name];
      if (config.current_context === name) config.current_context = undefined;
      writeConfig(file, config);
      ctx.io.stderr.write(`Removed context "${name}"\n`);
    },
  },
];
