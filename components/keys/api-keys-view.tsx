"use client";

import { useCallback, useState } from "react";
import { useCreateParam } from "@/components/command-palette/use-create-param";
import { ConfirmButton } from "@/components/resources/confirm-button";
import { PageHeader } from "@/components/shell/page-header";
import { useCan, usePortalContext } from "@/components/shell/portal-context-provider";
import { RelativeTime } from "@/components/shell/relative-time";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { KeyRound } from "@/components/ui/icons/key-round";
import { Plus } from "@/components/ui/icons/plus";
import { RotateCcw } from "@/components/ui/icons/rotate-ccw";
import { Trash2 } from "@/components/ui/icons/trash2";
import { InlineAlert } from "@/components/ui/inline-alert";
import { lazyClient } from "@/components/ui/lazy-client";
import { Skeleton } from "@/components/ui/skeleton";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { messageOf } from "@/lib/portal/proxy-client";
import { describeScopes } from "./key-access";
import type { RevealedSecret } from "./secret-reveal-dialog";
import { type ApiKey, useApiKeys, useRevokeApiKey } from "./use-api-keys";

// Dialogs load on first use: they are not part of the page's first-load JavaScript.
const loadCreate = () => import("./create-key-dialog");
const loadRotate = () => import("./rotate-key-dialog");
const CreateKeyDialog = lazyClient(() => loadCreate().then((m) => m.CreateKeyDialog));
const RotateKeyDialog = lazyClient(() => loadRotate().then((m) => m.RotateKeyDialog));
const SecretRevealDialog = lazyClient(() =>
  import("./secret-reveal-dialog").then((m) => m.SecretRevealDialog),
);

const STATUS_VARIANT: Record<ApiKey["status"], BadgeProps["variant"]> = {
  active: "success",
  expiring: "warning",
  expired: "secondary",
  revoked: "destructive",
};

function KeyRow({
  apiKey,
  canWrite,
  onRotate,
}: {
  apiKey: ApiKey;
  canWrite: boolean;
  onRotate: (key: ApiKey) => void;
}) {
  const revoke = useRevokeApiKey();
  const scopes = describeScopes(apiKey.scopes);
  const usable = apiKey.status === "active" || apiKey.status === "expiring";
  return (
    <TableRow data-testid="api-key-row" data-key-id={apiKey.id}>
      <TableCell className="max-w-40 font-medium">
        <span className="block truncate" title={apiKey.name}>
          {apiKey.name}
        </span>
      </TableCell>
      <TableCell className="whitespace-nowrap">
        <code className="font-mono text-[13px]">{apiKey.redacted}</code>
      </TableCell>
      <TableCell>
        <Badge variant={apiKey.environment === "test" ? "warning" : "outline"}>
          {apiKey.environment === "test" ? "Sandbox" : "Live"}
        </Badge>
      </TableCell>
      <TableCell>
        <span title={scopes.detail}>{scopes.label}</span>
        {scopes.label === "Restricted" ? (
          <span className="block max-w-36 truncate text-muted-foreground text-xs">
            {scopes.detail}
          </span>
        ) : null}
      </TableCell>
      <TableCell className="whitespace-nowrap">
        <RelativeTime iso={apiKey.created_at} empty="" />
      </TableCell>
      <TableCell className="whitespace-nowrap" data-testid="key-last-used">
        <RelativeTime iso={apiKey.last_used_at} empty="Never" />
      </TableCell>
      <TableCell className="whitespace-nowrap">
        <RelativeTime iso={apiKey.expires_at} empty="Never" />
      </TableCell>
      <TableCell>
        <Badge variant={STATUS_VARIANT[apiKey.status]} data-testid="key-status">
          {apiKey.status}
        </Badge>
      </TableCell>
      <TableCell className="text-right">
        {canWrite && usable ? (
          <div className="flex justify-end gap-1">
            <Button
              variant="ghost"
              size="icon-sm"
              onPointerEnter={() => void loadRotate()}
              onClick={() => onRotate(apiKey)}
              aria-label={`Rotate ${apiKey.name}`}
              title="Rotate"
            >
              <RotateCcw aria-hidden="true" />
            </Button>
            <ConfirmButton
              variant="ghost"
              size="icon-sm"
              className="text-destructive"
              aria-label={`Revoke ${apiKey.name}`}
              title="Revoke"
              confirm={{
                destructive: true,
                title: `Revoke “${apiKey.name}”?`,
                description: `${apiKey.redacted} will answer 401 from its next request, everywhere. This cannot be undone.`,
                confirmLabel: "Revoke key",
                onConfirm: async () => {
                  await revoke.mutateAsync(apiKey.id);
                },
              }}
            >
              <Trash2 aria-hidden="true" />
            </ConfirmButton>
          </div>
        ) : null}
      </TableCell>
    </TableRow>
  );
}

/** Settings -> API Keys: the keys of the current project and environment. */
export function ApiKeysView() {
  const { environment, project } = usePortalContext();
  const canWrite = useCan("keys:write");
  const keys = useApiKeys();
  const [creating, setCreating] = useState(false);
  const [rotating, setRotating] = useState<ApiKey | null>(null);
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null);
  useCreateParam(
    canWrite,
    useCallback(() => setCreating(true), []),
  );
  const sandbox = environment === "test";
  const list = keys.data?.data ?? [];

  const createButton = canWrite ? (
    <Button onPointerEnter={() => void loadCreate()} onClick={() => setCreating(true)}>
      <Plus aria-hidden="true" />
      Create key
    </Button>
  ) : null;

  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys for {project.name} in {sandbox ? "Sandbox" : "Live"}.{" "}
            {sandbox ? "Sandbox" : "Live"} keys start with{" "}
            <code>{sandbox ? "sk_test_" : "sk_live_"}</code>.
          </>
        }
        actions={createButton}
      />
      {keys.isPending ? (
        <div className="grid gap-2" role="status" aria-label="Loading keys">
          <Skeleton className="h-10" />
          <Skeleton className="h-10" />
          <Skeleton className="h-10" />
        </div>
      ) : keys.isError ? (
        <InlineAlert title="Could not load the keys">{messageOf(keys.error)}</InlineAlert>
      ) : list.length === 0 ? (
        <EmptyState
          icon={<KeyRound />}
          title={`No ${sandbox ? "sandbox" : "live"} keys yet`}
          description={
            canWrite
              ? "Create a key, then send it with every request as Authorization: Bearer <key>. You will see the secret once."
              : "Your role can see keys but not create them. Ask an owner, admin or developer."
          }
          action={createButton}
        />
      ) : (
        <div className="rounded-lg border">
          <Table aria-label="API keys">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Key</TableHead>
                <TableHead>
                  <span aria-hidden="true" title="Environment">
                    Env.
                  </span>
                  <span className="sr-only">Environment</span>
                </TableHead>
                <TableHead>Access</TableHead>
                <TableHead>Created</TableHead>
                <TableHead>Last used</TableHead>
                <TableHead>Expires</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.map((apiKey) => (
                <KeyRow
                  key={apiKey.id}
                  apiKey={apiKey}
                  canWrite={canWrite}
                  onRotate={setRotating}
                />
              ))}
            </TableBody>
          </Table>
          {keys.data?.meta.has_more ? (
            <p className="border-t px-4 py-2 text-muted-foreground text-xs">
              Showing the newest 100 of {keys.data.meta.total} keys.
            </p>
          ) : null}
        </div>
      )}
      <p className="mt-3 text-muted-foreground text-xs">
        “Last used” is updated within about a minute of a request.
      </p>

      {creating ? (
        <CreateKeyDialog
          open={creating}
          onOpenChange={setCreating}
          onCreated={(secret) => {
            setCreating(false);
            setRevealed(secret);
          }}
        />
      ) : null}
      {rotating ? (
        <RotateKeyDialog
          apiKey={rotating}
          onOpenChange={(open) => !open && setRotating(null)}
          onRotated={(secret) => {
            setRotating(null);
            setRevealed(secret);
          }}
        />
      ) : null}
      {revealed ? (
        <SecretRevealDialog revealed={revealed} onClose={() => setRevealed(null)} />
      ) : null}
    </>
  );
}
