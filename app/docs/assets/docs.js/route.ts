import { docsScript } from "@/components/docs/browser/docs-script";
import { javascriptResponse } from "../script-response";

export const dynamic = "force-static";

export function GET(): Response {
  return javascriptResponse(`(${docsScript.toString()})();`);
}
