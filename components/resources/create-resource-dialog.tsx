"use client";

import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { InlineAlert } from "@/components/ui/inline-alert";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import {
  DEFAULT_INSTANCE_IMAGE,
  DEFAULT_INSTANCE_SIZE,
  DEFAULT_NETWORK_CIDR,
  DEFAULT_VOLUME_GB,
  INSTANCE_IMAGES,
  INSTANCE_SIZES,
  LOAD_BALANCER_ALGORITHMS,
  RESOURCE_TYPES,
  VOLUME_MAX_GB,
  VOLUME_MIN_GB,
} from "@/lib/catalog/resources";
import { ApiError, messageOf } from "@/lib/portal/proxy-client";
import { createResourceSchema, specInputSchemas } from "@/lib/schemas/resources";
import { NativeSelect } from "./native-select";
import { typeLabel } from "./resource-labels";
import { useCreateResource, useRegions } from "./use-resources";

type ResourceType = (typeof RESOURCE_TYPES)[number];

interface SpecDraft {
  size: string;
  image: string;
  size_gb: string;
  versioning: boolean;
  public: boolean;
  cidr: string;
  algorithm: string;
}

const initialSpec: SpecDraft = {
  size: DEFAULT_INSTANCE_SIZE,
  image: DEFAULT_INSTANCE_IMAGE,
  size_gb: String(DEFAULT_VOLUME_GB),
  versioning: false,
  public: false,
  cidr: DEFAULT_NETWORK_CIDR,
  algorithm: "round_robin",
};

const DESCRIPTIONS: Record<ResourceType, string> = {
  instance: "A virtual machine",
  volume: "Block storage for an instance",
  bucket: "Object storage",
  network: "A private network (VPC)",
  load_balancer: "Spreads traffic over instances",
};

function specOf(type: ResourceType, d: SpecDraft): Record<string, unknown> {
  switch (type) {
    case "instance":
      return { size: d.size, image: d.image };
    case "volume":
      return { size_gb: d.size_gb.trim() === "" ? Number.NaN : Number(d.size_gb) };
    case "bucket":
      return { versioning: d.versioning, public: d.public };
    case "network":
      return { cidr: d.cidr.trim() };
    case "load_balancer":
      return { algorithm: d.algorithm };
  }
}

function memory(mb: number): string {
  return mb >= 1024 ? `${mb / 1024} GB` : `${mb} MB`;
}

/** One form per type, checked with the API's own schemas before anything is sent. */
export function CreateResourceDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const regions = useRegions();
  const create = useCreateResource();
  const [type, setType] = useState<ResourceType>("instance");
  const [name, setName] = useState("");
  const [region, setRegion] = useState("us-east-1");
  const [spec, setSpec] = useState<SpecDraft>(initialSpec);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const set = <K extends keyof SpecDraft>(key: K, value: SpecDraft[K]) =>
    setSpec((prev) => ({ ...prev, [key]: value }));

  const close = () => {
    setName("");
    setSpec(initialSpec);
    setErrors({});
    setFailure(null);
    onOpenChange(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const body = { type, name, region, spec: specOf(type, spec) };
    const found: Record<string, string> = {};
    const parsed = createResourceSchema.safeParse(body);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "name");
        found[field] ??= `${field === "name" ? "Name" : field} ${issue.message}`;
      }
    }
    const specCheck = specInputSchemas[type].safeParse(body.spec);
    if (!specCheck.success) {
      for (const issue of specCheck.error.issues) {
        const field = `spec.${String(issue.path[0] ?? "")}`;
        found[field] ??= issue.code === "invalid_type" ? "must be a whole number" : issue.message;
      }
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      await create.mutateAsync({ ...body, name: name.trim() });
      close();
    } catch (error) {
      if (error instanceof ApiError) {
        const fieldErrors: Record<string, string> = {};
        for (const e of error.errors) fieldErrors[e.field] = e.message;
        setErrors(fieldErrors);
      }
      setFailure(messageOf(error));
    }
  };

  const availableRegions = (regions.data?.data ?? []).filter(
    (r) => r.available && r.resource_types.includes(type),
  );

  return (
    <Dialog open={open} onOpenChange={(next) => (next ? onOpenChange(true) : close())}>
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>Create a resource</DialogTitle>
          <DialogDescription>
            It starts as “provisioning” and turns active in a few seconds.
          </DialogDescription>
        </DialogHeader>
        <form className="grid gap-5" onSubmit={(e) => void submit(e)} noValidate>
          <fieldset className="grid gap-2">
            <legend className="mb-1 font-medium text-sm">Type</legend>
            <div
              className="grid grid-cols-2 gap-2 sm:grid-cols-3"
              role="radiogroup"
              aria-label="Type"
            >
              {RESOURCE_TYPES.map((t) => (
                <label
                  key={t}
                  className="flex cursor-pointer flex-col gap-0.5 rounded-md border p-2.5 text-sm has-[:checked]:border-primary has-[:checked]:bg-primary-muted has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring"
                >
                  <span className="flex items-center gap-2 font-medium">
                    <input
                      type="radio"
                      name="resource-type"
                      value={t}
                      checked={type === t}
                      onChange={() => {
                        setType(t);
                        setErrors({});
                      }}
                      className="size-3.5 accent-primary"
                    />
                    {typeLabel(t)}
                  </span>
                  <span className="text-muted-foreground text-xs">{DESCRIPTIONS[t]}</span>
                </label>
              ))}
            </div>
          </fieldset>

          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Name" error={errors.name}>
              <Input
                value={name}
                onChange={(e) => setName(e.target.value)}
                maxLength={255}
                required
                autoFocus
                autoComplete="off"
              />
            </Field>
            <Field label="Region" error={errors.region}>
              <NativeSelect value={region} onChange={(e) => setRegion(e.target.value)}>
                {availableRegions.length === 0 ? (
                  <option value="us-east-1">us-east-1</option>
                ) : null}
                {availableRegions.map((r) => (
                  <option key={r.slug} value={r.slug}>
                    {r.slug} · {r.name}
                  </option>
                ))}
              </NativeSelect>
            </Field>
          </div>

          {type === "instance" ? (
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Size" error={errors["spec.size"]}>
                <NativeSelect value={spec.size} onChange={(e) => set("size", e.target.value)}>
                  {INSTANCE_SIZES.map((s) => (
                    <option key={s.slug} value={s.slug}>
                      {s.slug} ({s.vcpus} vCPU, {memory(s.memory_mb)})
                    </option>
                  ))}
                </NativeSelect>
              </Field>
              <Field label="Image" error={errors["spec.image"]}>
                <NativeSelect value={spec.image} onChange={(e) => set("image", e.target.value)}>
                  {INSTANCE_IMAGES.map((image) => (
                    <option key={image} value={image}>
                      {image}
                    </option>
                  ))}
                </NativeSelect>
              </Field>
            </div>
          ) : null}
          {type === "volume" ? (
            <Field
              label="Size (GB)"
              error={errors["spec.size_gb"]}
              description={`${VOLUME_MIN_GB}-${VOLUME_MAX_GB} GB; volumes can grow later, never shrink.`}
            >
              <Input
                type="number"
                inputMode="numeric"
                min={VOLUME_MIN_GB}
                max={VOLUME_MAX_GB}
                value={spec.size_gb}
                onChange={(e) => set("size_gb", e.target.value)}
              />
            </Field>
          ) : null}
          {type === "bucket" ? (
            <div className="grid gap-3">
              <div className="flex items-center gap-2">
                <Checkbox
                  id="bucket-versioning"
                  checked={spec.versioning}
                  onCheckedChange={(v) => set("versioning", v === true)}
                />
                <Label htmlFor="bucket-versioning" className="font-normal">
                  Keep every version of an object
                </Label>
              </div>
              <div className="flex items-center gap-2">
                <Checkbox
                  id="bucket-public"
                  checked={spec.public}
                  onCheckedChange={(v) => set("public", v === true)}
                />
                <Label htmlFor="bucket-public" className="font-normal">
                  Public read access
                </Label>
              </div>
            </div>
          ) : null}
          {type === "network" ? (
            <Field
              label="Address range (CIDR)"
              error={errors["spec.cidr"]}
              description="A private IPv4 range, /8 to /28, e.g. 10.0.0.0/16."
            >
              <Input value={spec.cidr} onChange={(e) => set("cidr", e.target.value)} />
            </Field>
          ) : null}
          {type === "load_balancer" ? (
            <Field
              label="Algorithm"
              error={errors["spec.algorithm"]}
              description="Add target instances on its page once it is active."
            >
              <NativeSelect
                value={spec.algorithm}
                onChange={(e) => set("algorithm", e.target.value)}
              >
                {LOAD_BALANCER_ALGORITHMS.map((a) => (
                  <option key={a} value={a}>
                    {a.replace("_", " ")}
                  </option>
                ))}
              </NativeSelect>
            </Field>
          ) : null}

          {failure ? <InlineAlert title="Not created">{failure}</InlineAlert> : null}
          <DialogFooter>
            <Button variant="outline" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create {typeLabel(type).toLowerCase()}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
