import { tryItScript } from "@/components/docs/browser/try-it-script";
import { javascriptResponse } from "../script-response";

export const dynamic = "force-static";

export function GET(): Response {
  return javascriptResponse(`(${tryItScript.toString()})();`);
}
