"use client";

import { useId, useState } from "react";
import { AppLink } from "@/components/ui/app-link";
import { Button } from "@/components/ui/button";
import { Play } from "@/components/ui/icons/play";
import { RefreshCw } from "@/components/ui/icons/refresh-cw";
import { Square } from "@/components/ui/icons/square";
import { Label } from "@/components/ui/label";
import { INSTANCE_SIZE_SLUGS } from "@/lib/catalog/resources";
import type { InstanceSpec, LoadBalancerSpec, VolumeSpec } from "@/lib/schemas/resources";
import { NativeSelect } from "./native-select";
import { type Resource, useInstancesIn, useResourceAction } from "./use-resources";

function InstancePicker({
  region,
  exclude,
  value,
  onChange,
  label,
}: {
  region: string;
  exclude: readonly string[];
  value: string;
  onChange: (id: string) => void;
  label: string;
}) {
  const id = useId();
  const instances = useInstancesIn(region);
  const choices = (instances.data?.data ?? []).filter(
    (r) => (r.status === "active" || r.status === "stopped") && !exclude.includes(r.id),
  );
  return (
    <div className="grid gap-1">
      <Label htmlFor={id} className="text-xs">
        {label}
      </Label>
      <NativeSelect
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="min-w-56"
      >
        <option value="">
          {instances.isPending
            ? "Loading…"
            : choices.length
              ? "Choose an instance"
              : `No instances in ${region}`}
        </option>
        {choices.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name} ({r.id})
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}

function InstanceActions({ resource }: { resource: Resource }) {
  const run = useResourceAction(resource);
  const spec = resource.spec as InstanceSpec;
  const [size, setSize] = useState(spec.size);
  const sizeId = useId();
  const busy = run.isPending;
  const act = (type: "start" | "stop" | "reboot") =>
    run.mutate({ kind: "instance", action: { type } });
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap gap-2">
        {resource.status === "stopped" ? (
          <Button variant="outline" disabled={busy} onClick={() => act("start")}>
            <Play aria-hidden="true" />
            Start
          </Button>
        ) : null}
        {resource.status === "active" ? (
          <>
            <Button variant="outline" disabled={busy} onClick={() => act("stop")}>
              <Square aria-hidden="true" />
              Stop
            </Button>
            <Button variant="outline" disabled={busy} onClick={() => act("reboot")}>
              <RefreshCw aria-hidden="true" />
              Reboot
            </Button>
          </>
        ) : null}
      </div>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate({
            kind: "instance",
            action: { type: "resize", size: size as (typeof INSTANCE_SIZE_SLUGS)[number] },
          });
        }}
      >
        <div className="grid gap-1">
          <Label htmlFor={sizeId} className="text-xs">
            Size
          </Label>
          <NativeSelect
            id={sizeId}
            value={size}
            onChange={(e) => setSize(e.target.value)}
            className="min-w-44"
          >
            {INSTANCE_SIZE_SLUGS.map((slug) => (
              <option key={slug} value={slug}>
                {slug}
              </option>
            ))}
          </NativeSelect>
        </div>
        <Button type="submit" variant="outline" disabled={busy || size === spec.size}>
          Resize
        </Button>
      </form>
    </div>
  );
}

function VolumeActions({ resource }: { resource: Resource }) {
  const run = useResourceAction(resource);
  const spec = resource.spec as VolumeSpec;
  const [target, setTarget] = useState("");
  if (spec.attached_instance_id) {
    return (
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-sm">
          Attached to{" "}
          <AppLink
            href={`/dashboard/resources/${spec.attached_instance_id}`}
            className="font-mono underline underline-offset-4"
          >
            {spec.attached_instance_id}
          </AppLink>
        </p>
        <Button
          variant="outline"
          loading={run.isPending}
          onClick={() => run.mutate({ kind: "volume", action: { type: "detach" } })}
        >
          Detach
        </Button>
      </div>
    );
  }
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (!target) return;
        run.mutate(
          { kind: "volume", action: { type: "attach", instance_id: target } },
          { onSuccess: () => setTarget("") },
        );
      }}
    >
      <InstancePicker
        region={resource.region}
        exclude={[]}
        value={target}
        onChange={setTarget}
        label="Attach to instance"
      />
      <Button type="submit" variant="outline" disabled={!target} loading={run.isPending}>
        Attach
      </Button>
    </form>
  );
}

function LoadBalancerActions({ resource }: { resource: Resource }) {
  const run = useResourceAction(resource);
  const spec = resource.spec as LoadBalancerSpec;
  const [target, setTarget] = useState("");
  return (
    <div className="grid gap-4">
      {spec.target_ids.length === 0 ? (
        <p className="text-muted-foreground text-sm">No targets yet.</p>
      ) : (
        <ul className="grid gap-1.5" aria-label="Targets">
          {spec.target_ids.map((id) => (
            <li key={id} className="flex items-center gap-3 text-sm">
              <AppLink
                href={`/dashboard/resources/${id}`}
                className="font-mono underline underline-offset-4"
              >
                {id}
              </AppLink>
              <Button
                variant="ghost"
                size="sm"
                disabled={run.isPending}
                onClick={() =>
                  run.mutate({
                    kind: "load_balancer",
                    action: { type: "remove_target", instance_id: id },
                  })
                }
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (!target) return;
          run.mutate(
            { kind: "load_balancer", action: { type: "add_target", instance_id: target } },
            { onSuccess: () => setTarget("") },
          );
        }}
      >
        <InstancePicker
          region={resource.region}
          exclude={spec.target_ids}
          value={target}
          onChange={setTarget}
          label="Add a target"
        />
        <Button type="submit" variant="outline" disabled={!target} loading={run.isPending}>
          Add target
        </Button>
      </form>
    </div>
  );
}

/** The actions of the resource's type, offered only when they can succeed. */
export function ResourceActions({ resource }: { resource: Resource }) {
  if (resource.status === "provisioning") {
    return (
      <p className="text-muted-foreground text-sm">Actions are available once it is active.</p>
    );
  }
  if (resource.status === "failed") {
    return (
      <p className="text-muted-foreground text-sm">
        It failed to provision: delete it and create a new one.
      </p>
    );
  }
  if (resource.type === "instance") return <InstanceActions resource={resource} />;
  if (resource.type === "volume") return <VolumeActions resource={resource} />;
  if (resource.type === "load_balancer") return <LoadBalancerActions resource={resource} />;
  return <p className="text-muted-foreground text-sm">This type has no actions.</p>;
}
