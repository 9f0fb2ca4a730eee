"use client";

import { useRouter } from "next/navigation";
import { ConfirmButton } from "@/components/resources/confirm-button";
import { Button } from "@/components/ui/button";
import { Play } from "@/components/ui/icons/play";
import { RotateCcw } from "@/components/ui/icons/rotate-ccw";
import { Square } from "@/components/ui/icons/square";
import { Trash2 } from "@/components/ui/icons/trash2";
import {
  useDeleteWebhookEndpoint,
  useRotateWebhookSecret,
  useSendTestEvent,
  useSetWebhookEnabled,
  type WebhookEndpoint,
} from "./use-webhooks";
import type { RevealedWebhookSecret } from "./webhook-secret-dialog";

/**
 * What a member with webhooks:write can do to one endpoint. Re-enable is offered whenever the
 * endpoint is disabled, whatever disabled it: the docs promise it from the dashboard.
 */
export function EndpointControls({
  endpoint,
  onSecret,
}: {
  endpoint: WebhookEndpoint;
  onSecret: (revealed: RevealedWebhookSecret) => void;
}) {
  const router = useRouter();
  const setEnabled = useSetWebhookEnabled(endpoint.id);
  const sendTest = useSendTestEvent(endpoint.id);
  const rotate = useRotateWebhookSecret(endpoint.id);
  const remove = useDeleteWebhookEndpoint(endpoint.id);
  const enabled = endpoint.status === "enabled";
  return (
    <div className="flex flex-wrap gap-2">
      {enabled ? (
        <>
          <Button variant="outline" loading={sendTest.isPending} onClick={() => sendTest.mutate()}>
            <Play aria-hidden="true" />
            Send test event
          </Button>
          <Button
            variant="outline"
            loading={setEnabled.isPending}
            onClick={() => setEnabled.mutate(false)}
          >
            <Square aria-hidden="true" />
            Disable
          </Button>
        </>
      ) : (
        <Button loading={setEnabled.isPending} onClick={() => setEnabled.mutate(true)}>
          <Play aria-hidden="true" />
          Re-enable
        </Button>
      )}
      <ConfirmButton
        variant="outline"
        confirm={{
          title: "Rotate the signing secret?",
          description:
            "The current secret stops signing at once: deliveries from now on (retries included) are signed with the new one. Update your receiver right after.",
          confirmLabel: "Rotate secret",
          onConfirm: async () => {
            const rotated = await rotate.mutateAsync();
            // The secret goes straight to the reveal panel; the mutation forgets it.
            rotate.reset();
            onSecret({ url: rotated.url, secret: rotated.secret, reason: "rotated" });
          },
        }}
      >
        <RotateCcw aria-hidden="true" />
        Rotate secret
      </ConfirmButton>
      <ConfirmButton
        variant="outline"
        className="text-destructive"
        confirm={{
          destructive: true,
          title: "Delete this endpoint?",
          description: `${endpoint.url} will receive no more events, and its delivery history is deleted. This cannot be undone.`,
          confirmLabel: "Delete endpoint",
          onConfirm: async () => {
            await remove.mutateAsync();
            router.push("/dashboard/webhooks");
          },
        }}
      >
        <Trash2 aria-hidden="true" />
        Delete
      </ConfirmButton>
    </div>
  );
}
