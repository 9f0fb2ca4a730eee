import { Badge } from "@/components/ui/badge";

const VARIANT: Record<string, "success" | "info" | "warning" | "destructive" | "secondary"> = {
  GET: "success",
  POST: "info",
  PUT: "warning",
  PATCH: "warning",
  DELETE: "destructive",
};

/** The HTTP method as a coloured label; the word itself stays, so colour is never the only cue. */
export function MethodBadge({ method }: { method: string }) {
  return (
    <Badge variant={VARIANT[method] ?? "secondary"} className="font-mono">
      {method}
    </Badge>
  );
}
