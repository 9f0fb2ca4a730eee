"use client";

import { type FormEvent, useId, useState } from "react";
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
import { ApiError, messageOf } from "@/lib/portal/proxy-client";
import { MAX_DESCRIPTION_LENGTH, WEBHOOK_EVENT_CHOICES } from "@/lib/schemas/webhooks";
import { useCreateWebhookEndpoint } from "./use-webhooks";
import type { RevealedWebhookSecret } from "./webhook-secret-dialog";

type Errors = Partial<Record<"url" | "description" | "enabled_events", string>>;

/** "enabled_events.2" -> "enabled_events": the API names list items, the form shows one error. */
function fieldErrorsOf(error: ApiError): Errors {
  const found: Errors = {};
  for (const problem of error.errors) {
    const field = problem.field.split(".")[0];
    if (field === "url" || field === "description" || field === "enabled_events")
      found[field] ??= problem.message;
  }
  return found;
}

function EventCheckbox({
  label,
  hint,
  checked,
  disabled,
  onChange,
}: {
  label: string;
  hint: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        className="mt-0.5 size-4 accent-primary"
      />
      <label htmlFor={id} className="grid gap-0.5 text-sm">
        <span className="font-medium">{label}</span>
        <span className="text-muted-foreground text-xs">{hint}</span>
      </label>
    </div>
  );
}

/** URL, description and events of a new endpoint; the new secret goes to `onCreated` only. */
export function CreateEndpointDialog({
  onOpenChange,
  onCreated,
}: {
  onOpenChange: (open: boolean) => void;
  onCreated: (revealed: RevealedWebhookSecret) => void;
}) {
  const create = useCreateWebhookEndpoint();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [all, setAll] = useState(true);
  const [families, setFamilies] = useState<string[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const found: Errors = {};
    if (!url.trim()) found.url = "Enter the URL that should receive the events";
    if (!all && families.length === 0) found.enabled_events = "Choose at least one kind of event";
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      const created = await create.mutateAsync({
        url: url.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        enabled_events: all ? ["*"] : families,
      });
      // The secret goes straight to the reveal panel; the mutation forgets it.
      create.reset();
      onCreated({ url: created.url, secret: created.secret, reason: "created" });
    } catch (error) {
      if (error instanceof ApiError) setErrors(fieldErrorsOf(error));
      setFailure(messageOf(error));
    }
  };

  return (
    <Dialog open onOpenChange={onOpenChange}>
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>Add a webhook endpoint</DialogTitle>
          <DialogDescription>
            We POST each chosen event to this URL as JSON, signed with a secret you will see once.
          </DialogDescription>
        </DialogHeader>
        <form className="grid gap-5" onSubmit={(e) => void submit(e)} noValidate>
          <Field
            label="Endpoint URL"
            error={errors.url}
            description="An https URL your service answers with a 2xx."
          >
            <Input
              type="url"
              inputMode="url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              placeholder="https://example.com/webhooks/cloud"
              maxLength={2048}
              required
              autoFocus
              autoComplete="off"
            />
          </Field>
          <Field label="Description" optional error={errors.description}>
            <Input
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              maxLength={MAX_DESCRIPTION_LENGTH}
              autoComplete="off"
            />
          </Field>
          <fieldset
            className="grid gap-2"
            aria-describedby={errors.enabled_events ? "webhook-events-error" : undefined}
          >
            <legend className="mb-1 font-medium text-sm">Events</legend>
            <EventCheckbox
              label="All events"
              hint="Everything in this environment, including types added later"
              checked={all}
              onChange={setAll}
            />
            <div className="grid gap-2 pl-6 sm:grid-cols-2">
              {WEBHOOK_EVENT_CHOICES.map((choice) => (
                <EventCheckbox
                  key={choice.value}
                  label={choice.label}
                  hint={choice.hint}
                  disabled={all}
                  checked={all || families.includes(choice.value)}
                  onChange={(checked) =>
                    setFamilies((prev) =>
                      checked ? [...prev, choice.value] : prev.filter((v) => v !== choice.value),
                    )
                  }
                />
              ))}
            </div>
            {errors.enabled_events ? (
              <p id="webhook-events-error" className="font-medium text-[13px] text-destructive">
                {errors.enabled_events}
              </p>
            ) : null}
          </fieldset>
          {failure ? (
            <InlineAlert title="The endpoint was not added" label="Endpoint not added">
              {failure}
            </InlineAlert>
          ) : null}
          <DialogFooter>
            <Button variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add endpoint
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
