import { readFileSync } from "node:fs";
import path from "node:path";
import { javascriptResponse } from "../script-response";

export const dynamic = "force-static";

/** MiniSearch's browser build (it defines window.MiniSearch), served from our own origin. */
export function GET(): Response {
  const file = path.join(process.cwd(), "node_modules", "minisearch", "dist", "umd", "index.js");
  return javascriptResponse(readFileSync(file, "utf8"));
}
