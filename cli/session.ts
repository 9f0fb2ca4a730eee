import { type CloudClient, createClient, DEFAULT_BASE_URL } from "@/sdk";
import { type CliConfig, configPath, DEFAULT_CONTEXT, readConfig } from "./config-file";
import { UsageError } from "./errors";

/** The global flags every command takes. */
export interface GlobalFlags {
  context?: string;
  apiKey?: string;
  apiUrl?: string;
  sandbox?: boolean;
  idempotencyKey?: string;
}

export interface Session {
  contextName: string;
  apiKey: string;
  apiUrl: string;
  sandbox: boolean;
  /** Where the key came from, for messages: --api-key, CLOUD_API_KEY or the context. */
  keySource: string;
}

export function isSandboxKey(key: string): boolean {
  return key.startsWith("sk_test_");
}

/**
 * Which key and URL a command uses. Precedence: --api-key, then CLOUD_API_KEY, then the context
 * (--context, CLOUD_CONTEXT, the current one, or "default"); --sandbox picks the context's test
 * key and the /sandbox/v1 surface.
 */
export function resolveSession(
  flags: GlobalFlags,
  env: Record<string, string | undefined>,
  config: CliConfig = readConfig(configPath(env)),
): Session {
  const named = flags.context ?? env.CLOUD_CONTEXT;
  const contextName = named ?? config.current_context ?? DEFAULT_CONTEXT;
  const context = config.contexts[contextName];
  if (named && !context) {
    throw new UsageError(
      `There is no context "${named}"; create it with cloud login --context ${named}`,
    );
  }
  const sandbox = flags.sandbox === true;
  let apiKey = flags.apiKey;
  let keySource = "--api-key";
  if (!apiKey && env.CLOUD_API_KEY) {
    apiKey = env.CLOUD_API_KEY;
    keySource = "CLOUD_API_KEY";
  }
  if (!apiKey) {
    apiKey = sandbox ? context?.sandbox_api_key : (context?.api_key ?? context?.sandbox_api_key);
    keySource = `context "${contextName}"`;
  }
  if (!apiKey) {
    throw new UsageError(
      sandbox
        ? `No sandbox key in context "${contextName}": run cloud login --sandbox (with an sk_test_ key) or set CLOUD_API_KEY`
        : "Not logged in: run cloud login, or set CLOUD_API_KEY or --api-key",
    );
  }
  if (sandbox && !isSandboxKey(apiKey)) {
    throw new UsageError(`--sandbox needs an sk_test_ key; the key from ${keySource} is not one`);
  }
  const apiUrl = (
    flags.apiUrl ??
    env.CLOUD_API_URL ??
    context?.api_url ??
    DEFAULT_BASE_URL
  ).replace(/\/+$/, "");
  if (!URL.canParse(apiUrl) || !/^https?:$/.test(new URL(apiUrl).protocol)) {
    throw new UsageError(`The API URL ${apiUrl} is not an http(s) URL`);
  }
  return { contextName, apiKey, apiUrl, sandbox, keySource };
}

export function clientFor(session: Session): CloudClient {
  return createClient({
    apiKey: session.apiKey,
    baseUrl: session.apiUrl,
    sandbox: session.sandbox,
    userAgent: "cloud-cli",
  });
}
