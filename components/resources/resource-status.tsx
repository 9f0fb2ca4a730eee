import { Badge, type BadgeProps } from "@/components/ui/badge";
import { Spinner } from "@/components/ui/spinner";
import type { VisibleStatus } from "@/lib/catalog/resources";

const VARIANT: Record<VisibleStatus, BadgeProps["variant"]> = {
  provisioning: "info",
  active: "success",
  stopped: "secondary",
  failed: "destructive",
};

/** The status word (never colour alone), with a spinner while provisioning. */
export function ResourceStatus({ status }: { status: VisibleStatus }) {
  return (
    <Badge variant={VARIANT[status]} data-testid="resource-status" data-status={status}>
      {status === "provisioning" ? <Spinner className="size-3" /> : null}
      {status}
    </Badge>
  );
}
