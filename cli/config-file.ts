import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { UsageError } from "./errors";

/** One named set of credentials, like doctl's contexts. */
export interface ContextEntry {
  api_url?: string;
  /** An sk_live_ key. */
  api_key?: string;
  /** An sk_test_ key, used with --sandbox. */
  sandbox_api_key?: string;
}

export interface CliConfig {
  current_context?: string;
  contexts: Record<string, ContextEntry>;
}

export const DEFAULT_CONTEXT = "default";

/** CLOUD_CONFIG (a file), else $XDG_CONFIG_HOME/cloud/config.json, else ~/.config/cloud/config.json. */
export function configPath(env: Record<string, string | undefined>): string {
  if (env.CLOUD_CONFIG) return path.resolve(env.CLOUD_CONFIG);
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || homedir(), ".config");
  return path.join(base, "cloud", "config.json");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function readConfig(file: string): CliConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { contexts: {} };
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not valid JSON; fix or delete it, then run cloud login`);
  }
  if (!isRecord(parsed) || (parsed.contexts !== undefined && !isRecord(parsed.contexts))) {
    throw new UsageError(`${file} is not a cloud config file; fix or delete it`);
  }
  const contexts: Record<string, ContextEntry> = {};
  for (const [name, entry] of Object.entries(parsed.contexts ?? {})) {
    if (!isRecord(entry)) continue;
    const pick = (key: keyof ContextEntry) =>
      typeof entry[key] === "string" ? (entry[key] as string) : undefined;
    contexts[name] = {
      api_url: pick("api_url"),
      api_key: pick("api_key"),
      sandbox_api_key: pick("sandbox_api_key"),
    };
  }
  const current = typeof parsed.current_context === "string" ? parsed.current_context : undefined;
  return { current_context: current, contexts };
}

/** Written whole to a temporary file and renamed, readable by its owner only (it holds keys). */
export function writeConfig(file: string, config: CliConfig): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}
