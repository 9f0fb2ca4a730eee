import type { DeploymentInput } from "@/lib/schemas/deployments";

export type StrategyChoice = "rolling" | "parallel" | "canary";

export interface WaveChoice {
  bake: string;
  approval: boolean;
}

/** The create form as typed: text fields stay text until they are checked. */
export interface DeploymentForm {
  service: string;
  size: string;
  image: string;
  count: string;
  loadBalancer: boolean;
  volumeGb: string;
  /** In the order picked: rolling waves and the canary follow it. */
  regions: string[];
  strategy: StrategyChoice;
  /** Rolling: one wave per region, keyed by region. */
  waves: Record<string, WaveChoice>;
  canaryBake: string;
  onFailure: "rollback" | "halt";
}

export type FormErrors = Partial<
  Record<"service" | "count" | "volume_gb" | "regions" | "bake", string>
>;

export const emptyDeploymentForm = (): DeploymentForm => ({
  service: "",
  size: "s-1vcpu-1gb",
  image: "ubuntu-24.04",
  count: "2",
  loadBalancer: false,
  volumeGb: "",
  regions: [],
  strategy: "rolling",
  waves: {},
  canaryBake: "60",
  onFailure: "rollback",
});

const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : null);

/** The API body for the form, or the fields to fix (the API checks again and names its own). */
export function deploymentInputOf(
  form: DeploymentForm,
): { input: DeploymentInput; errors: null } | { input: null; errors: FormErrors } {
  const errors: FormErrors = {};
  const service = form.service.trim();
  if (!/^[a-z][a-z0-9-]{0,62}$/.test(service))
    errors.service = "1-63 lowercase letters, digits or dashes, starting with a letter";
  const count = wholeNumber(form.count);
  if (count === null || count < 1 || count > 20) errors.count = "Between 1 and 20 per region";
  const volume = form.volumeGb.trim() === "" ? null : wholeNumber(form.volumeGb);
  if (form.volumeGb.trim() !== "" && (volume === null || volume < 1))
    errors.volume_gb = "A whole number of GB, or empty for none";
  if (form.regions.length === 0) errors.regions = "Choose at least one region";
  const bakeOf = (text: string) => {
    const value = wholeNumber(text === "" ? "0" : text);
    if (value === null) errors.bake = "Bake times are whole seconds";
    return value ?? 0;
  };
  let strategy: DeploymentInput["strategy"];
  if (form.strategy === "parallel") strategy = { type: "parallel" };
  else if (form.strategy === "canary") {
    strategy = {
      type: "canary",
      canary_region: form.regions[0] ?? "",
      bake_seconds: bakeOf(form.canaryBake),
    };
  } else {
    strategy = {
      type: "rolling",
      waves: form.regions.map((region) => {
        const wave = form.waves[region] ?? { bake: "0", approval: false };
        return {
          regions: [region],
          bake_seconds: bakeOf(wave.bake),
          ...(wave.approval ? { approval: { required: true } } : {}),
        };
      }),
    };
  }
  if (Object.keys(errors).length > 0) return { input: null, errors };
  return {
    input: {
      service,
      template: {
        size: form.size as NonNullable<DeploymentInput["template"]["size"]>,
        image: form.image as NonNullable<DeploymentInput["template"]["image"]>,
        count: count ?? 1,
        load_balancer: form.loadBalancer,
        ...(volume === null ? {} : { volume_gb: volume }),
      },
      regions: form.regions,
      strategy,
      on_failure: form.onFailure,
    },
    errors: null,
  };
}

/** The API's field names (template.count, strategy.waves.1.bake_seconds) on the form's fields. */
export function formErrorsOf(problems: readonly { field: string; message: string }[]): FormErrors {
  const found: FormErrors = {};
  for (const p of problems) {
    if (p.field === "service") found.service ??= p.message;
    else if (p.field === "template.count") found.count ??= p.message;
    else if (p.field === "template.volume_gb") found.volume_gb ??= p.message;
    else if (p.field.startsWith("regions")) found.regions ??= p.message;
    else if (p.field.includes("bake_seconds")) found.bake ??= p.message;
  }
  return found;
}
