/** The flags every command takes, as data (help and the docs page list them from here). */
export const GLOBAL_OPTIONS = [
  {
    flags: "-o, --output <format>",
    description: "table (default), json (the API's body as sent) or yaml",
  },
  {
    flags: "--format <columns>",
    description: "Table columns, comma-separated field paths: id,name,status",
  },
  { flags: "-q, --quiet", description: "Print only ids, one per line" },
  { flags: "--context <name>", description: "Use this saved context instead of the current one" },
  {
    flags: "--api-key <key>",
    description: "Use this key (overrides CLOUD_API_KEY and the context)",
  },
  {
    flags: "--api-url <url>",
    description: "The API's URL (overrides CLOUD_API_URL and the context)",
  },
  {
    flags: "--sandbox",
    description: "Act on sandbox data with the context's sk_test_ key (/sandbox/v1)",
  },
  {
    flags: "--idempotency-key <key>",
    description:
      "The Idempotency-Key of a command's POST, so running it again (a retried CI job) does not do it twice; default a new key per run",
  },
] as const;
