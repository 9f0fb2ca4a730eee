"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { formatCents } from "@/components/charts/format";
import { NativeSelect } from "@/components/resources/native-select";
import { useRegions } from "@/components/resources/use-resources";
import { BackLink } from "@/components/shell/detail-page";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { InlineAlert } from "@/components/ui/inline-alert";
import { Input } from "@/components/ui/input";
import { INSTANCE_IMAGES, INSTANCE_SIZE_SLUGS } from "@/lib/catalog/resources";
import { ApiError, messageOf } from "@/lib/portal/proxy-client";
import type { DeploymentInput } from "@/lib/schemas/deployments";
import {
  type DeploymentForm,
  deploymentInputOf,
  emptyDeploymentForm,
  type FormErrors,
  formErrorsOf,
  type StrategyChoice,
} from "./deployment-form";
import { PlanPreview } from "./plan-preview";
import { type DeploymentPlan, useCreateDeployment, usePlanDeployment } from "./use-deployments";
import { WavesEditor } from "./waves-editor";

/**
 * /dashboard/deployments/new: the service, its template, regions and strategy; "Review plan"
 * shows the API's diff and cost, and only "Apply" starts anything (held to that plan by plan_id).
 */
export function CreateDeploymentView() {
  const router = useRouter();
  const regions = useRegions();
  const planner = usePlanDeployment();
  const creator = useCreateDeployment();
  const [form, setForm] = useState<DeploymentForm>(emptyDeploymentForm);
  const [errors, setErrors] = useState<FormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [planned, setPlanned] = useState<{ plan: DeploymentPlan; input: DeploymentInput } | null>(
    null,
  );

  // Any edit makes the plan shown out of date: it must be reviewed again before applying.
  const update = (changes: Partial<DeploymentForm>) => {
    setForm((f) => ({ ...f, ...changes }));
    setPlanned(null);
  };
  const showProblem = (error: unknown) => {
    if (error instanceof ApiError) setErrors(formErrorsOf(error.errors));
    setFailure(messageOf(error));
  };

  const review = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const built = deploymentInputOf(form);
    if (built.errors) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    try {
      setPlanned({ plan: await planner.mutateAsync(built.input), input: built.input });
    } catch (error) {
      showProblem(error);
    }
  };
  const apply = async () => {
    if (!planned) return;
    setFailure(null);
    try {
      const created = await creator.mutateAsync({ ...planned.input, plan_id: planned.plan.id });
      router.push(`/dashboard/deployments/${created.id}`);
    } catch (error) {
      showProblem(error);
    }
  };
  const toggleRegion = (slug: string, on: boolean) =>
    update({ regions: on ? [...form.regions, slug] : form.regions.filter((r) => r !== slug) });
  const costOf = (slug: string) =>
    planned?.plan.regions.find((r) => r.region === slug)?.monthly_cost_after;

  return (
    <>
      <BackLink href="/dashboard/deployments">Deployments</BackLink>
      <PageHeader
        title="New deployment"
        description="Nothing changes until you have reviewed the plan and applied it."
      />
      <form className="grid max-w-3xl gap-6" onSubmit={(e) => void review(e)} noValidate>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Service" error={errors.service} description="Lowercase, e.g. web or api">
            <Input
              value={form.service}
              onChange={(e) => update({ service: e.target.value })}
              autoComplete="off"
              required
              autoFocus
            />
          </Field>
          <Field label="Instances per region" error={errors.count}>
            <Input
              inputMode="numeric"
              value={form.count}
              onChange={(e) => update({ count: e.target.value })}
            />
          </Field>
          <Field label="Size">
            <NativeSelect value={form.size} onChange={(e) => update({ size: e.target.value })}>
              {INSTANCE_SIZE_SLUGS.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </NativeSelect>
          </Field>
          <Field label="Image">
            <NativeSelect value={form.image} onChange={(e) => update({ image: e.target.value })}>
              {INSTANCE_IMAGES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </NativeSelect>
          </Field>
          <Field label="Volume per instance (GB)" optional error={errors.volume_gb}>
            <Input
              inputMode="numeric"
              value={form.volumeGb}
              onChange={(e) => update({ volumeGb: e.target.value })}
            />
          </Field>
          <label className="flex items-center gap-2 self-end pb-2 text-sm">
            <input
              type="checkbox"
              className="size-4 accent-primary"
              checked={form.loadBalancer}
              onChange={(e) => update({ loadBalancer: e.target.checked })}
            />
            A load balancer per region
          </label>
        </div>

        <fieldset
          className="grid gap-2"
          aria-describedby={errors.regions ? "regions-error" : undefined}
        >
          <legend className="mb-1 font-medium text-sm">Regions (in rollout order)</legend>
          {regions.isError ? (
            <InlineAlert title="Could not load the regions">{messageOf(regions.error)}</InlineAlert>
          ) : null}
          <div className="grid gap-1.5 sm:grid-cols-2">
            {(regions.data?.data ?? []).map((r) => {
              const position = form.regions.indexOf(r.slug);
              const cost = costOf(r.slug);
              return (
                <label
                  key={r.slug}
                  className="flex items-center gap-2 text-sm"
                  data-testid="region-choice"
                >
                  <input
                    type="checkbox"
                    className="size-4 accent-primary"
                    checked={position >= 0}
                    disabled={!r.available}
                    onChange={(e) => toggleRegion(r.slug, e.target.checked)}
                    aria-label={r.slug}
                  />
                  <span className="font-mono text-xs">{r.slug}</span>
                  <span className="text-muted-foreground text-xs">
                    {r.available ? r.name : "unavailable"}
                    {position >= 0 ? ` · #${position + 1}` : ""}
                    {cost !== undefined ? ` · ${formatCents(cost)}/mo` : ""}
                  </span>
                </label>
              );
            })}
          </div>
          {errors.regions ? (
            <p id="regions-error" className="text-destructive text-sm">
              {errors.regions}
            </p>
          ) : null}
        </fieldset>

        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Strategy">
            <NativeSelect
              value={form.strategy}
              onChange={(e) => update({ strategy: e.target.value as StrategyChoice })}
            >
              <option value="rolling">Rolling: one region per wave</option>
              <option value="parallel">Parallel: every region at once</option>
              <option value="canary">Canary: the first region, then the rest</option>
            </NativeSelect>
          </Field>
          <Field label="On failure">
            <NativeSelect
              value={form.onFailure}
              onChange={(e) => update({ onFailure: e.target.value as "rollback" | "halt" })}
            >
              <option value="rollback">Roll back the regions changed</option>
              <option value="halt">Halt and leave them</option>
            </NativeSelect>
          </Field>
        </div>
        <WavesEditor form={form} error={errors.bake} onChange={update} />

        {failure ? (
          <InlineAlert title="The API refused this deployment">{failure}</InlineAlert>
        ) : null}
        <div className="flex gap-2">
          <Button
            type="submit"
            variant={planned ? "outline" : "default"}
            disabled={planner.isPending}
          >
            {planner.isPending ? "Planning…" : planned ? "Plan again" : "Review plan"}
          </Button>
        </div>
      </form>

      {planned ? (
        <div className="mt-8 grid max-w-3xl gap-4">
          <PlanPreview plan={planned.plan} />
          <div>
            <Button onClick={() => void apply()} disabled={creator.isPending}>
              {creator.isPending ? "Applying…" : "Apply deployment"}
            </Button>
          </div>
        </div>
      ) : null}
    </>
  );
}
