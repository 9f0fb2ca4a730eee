import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { DeploymentForm } from "./deployment-form";

/** Rolling: bake and approval per wave (one region each); canary: the canary's bake. */
export function WavesEditor({
  form,
  error,
  onChange,
}: {
  form: DeploymentForm;
  error: string | undefined;
  onChange: (changes: Partial<DeploymentForm>) => void;
}) {
  if (form.strategy === "parallel" || form.regions.length === 0) return null;
  if (form.strategy === "canary") {
    return (
      <Field
        label="Canary bake (seconds)"
        error={error}
        description={`${form.regions[0]} first; the other regions start together once it has stayed healthy this long.`}
      >
        <Input
          inputMode="numeric"
          value={form.canaryBake}
          onChange={(e) => onChange({ canaryBake: e.target.value })}
        />
      </Field>
    );
  }
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 font-medium text-sm">Waves</legend>
      <ol className="grid gap-2">
        {form.regions.map((region, i) => {
          const wave = form.waves[region] ?? { bake: "0", approval: false };
          const set = (changes: Partial<typeof wave>) =>
            onChange({ waves: { ...form.waves, [region]: { ...wave, ...changes } } });
          return (
            <li
              key={region}
              className="flex flex-wrap items-center gap-3 rounded-md border px-3 py-2 text-sm"
              data-testid="wave-choice"
            >
              <span className="w-16 text-muted-foreground">Wave {i + 1}</span>
              <span className="w-32 font-mono text-xs">{region}</span>
              <span className="flex items-center gap-2">
                <span aria-hidden="true">Bake</span>
                <Input
                  className="h-8 w-20"
                  inputMode="numeric"
                  aria-label={`Bake seconds for ${region}`}
                  value={wave.bake}
                  onChange={(e) => set({ bake: e.target.value })}
                />
                <span aria-hidden="true">s</span>
              </span>
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  className="size-4 accent-primary"
                  checked={wave.approval}
                  onChange={(e) => set({ approval: e.target.checked })}
                  aria-label={`Require approval before ${region}`}
                />
                Require approval
              </label>
            </li>
          );
        })}
      </ol>
      {error ? <p className="text-destructive text-sm">{error}</p> : null}
    </fieldset>
  );
}
