"use client";

import { type FormEvent, useId, useState } from "react";
import { usePortalContext } from "@/components/shell/portal-context-provider";
import { Button } from "@/components/ui/button";
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
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { SCOPE_GROUPS } from "@/lib/catalog/scopes";
import { ApiError, messageOf } from "@/lib/portal/proxy-client";
import { createApiKeyBodySchema } from "@/lib/schemas/api-keys";
import { type AccessMode, type GroupLevel, type GroupName, scopesFor } from "./key-access";
import type { RevealedSecret } from "./secret-reveal-dialog";
import { useCreateApiKey } from "./use-api-keys";

type Expiry = "never" | "30" | "90" | "date";

function Choice({ value, label, hint }: { value: string; label: string; hint?: string }) {
  const id = useId();
  return (
    <div className="flex items-start gap-2">
      <RadioGroupItem id={id} value={value} className="mt-0.5" />
      <Label htmlFor={id} className="grid gap-0.5 font-normal">
        <span className="font-medium">{label}</span>
        {hint ? <span className="text-muted-foreground text-xs">{hint}</span> : null}
      </Label>
    </div>
  );
}

function tomorrow(): string {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}

/** Name, environment, access (full / read-only / per group) and expiry of a new key. */
export function CreateKeyDialog({
  open,
  onOpenChange,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: (revealed: RevealedSecret) => void;
}) {
  const context = usePortalContext();
  const grantable = new Set<string>(context.permissions);
  const create = useCreateApiKey();
  const [name, setName] = useState("");
  const [environment, setEnvironment] = useState<"live" | "test">(context.environment);
  const [mode, setMode] = useState<AccessMode>("full");
  const [levels, setLevels] = useState<Partial<Record<GroupName, GroupLevel>>>({
    resources: "write",
  });
  const [expiry, setExpiry] = useState<Expiry>("never");
  const [date, setDate] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);

  const reset = () => {
    setName("");
    setMode("full");
    setExpiry("never");
    setDate("");
    setErrors({});
    setFailure(null);
    setEnvironment(context.environment);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const scopes = scopesFor(mode, levels, grantable);
    const body = {
      name,
      scopes,
      ...(expiry === "30" || expiry === "90" ? { expires_in_days: Number(expiry) } : {}),
      ...(expiry === "date" && date
        ? { expires_at: new Date(`${date}T23:59:59Z`).toISOString() }
        : {}),
    };
    const found: Record<string, string> = {};
    const parsed = createApiKeyBodySchema.safeParse(body);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "name");
        found[field] ??=
          field === "name" ? "Give the key a name (up to 100 characters)" : issue.message;
      }
    }
    if (scopes.length === 0) found.scopes = "Choose at least one permission";
    if (expiry === "date" && (!date || date < tomorrow()))
      found.expires_at = "Pick a date after today";
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      const created = await create.mutateAsync({
        name: name.trim(),
        environment,
        scopes: mode === "full" ? undefined : scopes,
        expiresInDays: "expires_in_days" in body ? body.expires_in_days : undefined,
        expiresAt: "expires_at" in body ? body.expires_at : undefined,
      });
      // The secret goes straight to the reveal panel; the mutation forgets it.
      create.reset();
      reset();
      onCreated({ name: created.name, environment: created.environment, secret: created.secret });
    } catch (error) {
      if (error instanceof ApiError) {
        const fieldErrors: Record<string, string> = {};
        for (const e of error.errors) fieldErrors[e.field] = e.message;
        setErrors(fieldErrors);
      }
      setFailure(messageOf(error));
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) reset();
        onOpenChange(next);
      }}
    >
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>Create an API key</DialogTitle>
          <DialogDescription>
            Keys authenticate requests to the API with <code>Authorization: Bearer</code>. Give each
            one only the access it needs.
          </DialogDescription>
        </DialogHeader>
        <form className="grid gap-5" onSubmit={(e) => void submit(e)} noValidate>
          <Field label="Name" error={errors.name} description="For you: e.g. “CI pipeline”.">
            <Input
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={100}
              required
              autoFocus
              autoComplete="off"
            />
          </Field>

          <fieldset className="grid gap-2">
            <legend className="mb-1 font-medium text-sm">Environment</legend>
            <RadioGroup
              aria-label="Environment"
              value={environment}
              onValueChange={(v) => setEnvironment(v === "test" ? "test" : "live")}
              className="grid-cols-2"
            >
              <Choice value="live" label="Live" hint="sk_live_: real resources, billed" />
              <Choice value="test" label="Sandbox" hint="sk_test_: test data, never billed" />
            </RadioGroup>
          </fieldset>

          <fieldset className="grid gap-2">
            <legend className="mb-1 font-medium text-sm">Access</legend>
            <RadioGroup
              aria-label="Access"
              value={mode}
              onValueChange={(v) => setMode(v as AccessMode)}
            >
              <Choice value="full" label="Full access" hint="Everything your role can do" />
              <Choice value="read_only" label="Read only" hint="Every read scope, nothing else" />
              <Choice value="custom" label="Restricted" hint="Choose per resource group" />
            </RadioGroup>
            {mode === "custom" ? (
              <table className="mt-2 w-full text-sm" aria-label="Permissions per resource group">
                <thead>
                  <tr className="text-left text-muted-foreground text-xs">
                    <th className="py-1 font-medium">Group</th>
                    <th className="py-1 font-medium">None</th>
                    <th className="py-1 font-medium">Read</th>
                    <th className="py-1 font-medium">Write</th>
                  </tr>
                </thead>
                <tbody>
                  {SCOPE_GROUPS.map((group) => {
                    const canRead = grantable.has(group.read);
                    const canWrite = group.write !== null && grantable.has(group.write);
                    const level = levels[group.group] ?? "none";
                    return (
                      <tr key={group.group} className="border-t">
                        <th scope="row" className="py-1.5 pr-2 text-left font-normal">
                          {group.label}
                        </th>
                        {(["none", "read", "write"] as const).map((option) => {
                          const unavailable =
                            (option === "read" && !canRead) ||
                            (option === "write" && (group.write === null || !canWrite));
                          return (
                            <td key={option} className="py-1.5">
                              {option === "write" && group.write === null ? (
                                <span className="text-muted-foreground text-xs">n/a</span>
                              ) : (
                                <input
                                  type="radio"
                                  name={`level-${group.group}`}
                                  aria-label={`${group.label}: ${option}`}
                                  checked={level === option}
                                  disabled={unavailable}
                                  onChange={() =>
                                    setLevels((prev) => ({ ...prev, [group.group]: option }))
                                  }
                                  className="size-4 accent-primary"
                                />
                              )}
                            </td>
                          );
                        })}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            ) : null}
            {errors.scopes ? (
              <p className="font-medium text-[13px] text-destructive">{errors.scopes}</p>
            ) : null}
          </fieldset>

          <fieldset className="grid gap-2">
            <legend className="mb-1 font-medium text-sm">Expires</legend>
            <RadioGroup
              aria-label="Expires"
              value={expiry}
              onValueChange={(v) => setExpiry(v as Expiry)}
              className="grid-cols-2 sm:grid-cols-4"
            >
              <Choice value="never" label="Never" />
              <Choice value="30" label="30 days" />
              <Choice value="90" label="90 days" />
              <Choice value="date" label="On a date" />
            </RadioGroup>
            {expiry === "date" ? (
              <Field label="Expiry date (end of day, UTC)" error={errors.expires_at}>
                <Input
                  type="date"
                  min={tomorrow()}
                  value={date}
                  onChange={(e) => setDate(e.target.value)}
                />
              </Field>
            ) : null}
          </fieldset>

          {failure ? <InlineAlert title="The key was not created">{failure}</InlineAlert> : null}
          <DialogFooter>
            <Button
              variant="outline"
              onClick={() => {
                reset();
                onOpenChange(false);
              }}
            >
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create key
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
